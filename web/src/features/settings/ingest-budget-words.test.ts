import { describe, expect, it } from "vitest";
import { budgetInWords } from "./ingest-page.tsx";

describe("a platform call budget, in words", () => {
  it("names the endpoint and the minute's use, and says when polls wait", () => {
    expect(budgetInWords({ endpoint: "tiktok.comment/list", usedThisMinute: 12, perMinute: 40 })).toBe("Comment list calls: 12 of 40 this minute");
    expect(budgetInWords({ endpoint: "tiktok.comment/reply/list", usedThisMinute: 40, perMinute: 40 })).toBe(
      "Comment reply list calls: 40 of 40 this minute — spent: polls wait for the next minute",
    );
  });
});
