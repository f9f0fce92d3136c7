import { describe, expect, it } from "vitest";
import { replyToAllLabel } from "./order-words.ts";

describe("order words", () => {
  it("names the reply-to-all button in the right number", () => {
    expect(replyToAllLabel(1)).toBe("Reply to the buyer");
    expect(replyToAllLabel(2)).toBe("Reply to all 2 buyers");
  });
});
