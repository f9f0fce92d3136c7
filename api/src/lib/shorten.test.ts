import { describe, expect, it } from "vitest";
import { shorten } from "./shorten.ts";

describe("shorten", () => {
  it("leaves text that fits as it is", () => {
    expect(shorten("Glow serum", 10)).toBe("Glow serum");
  });

  it("cuts to the limit with an ellipsis", () => {
    const cut = shorten("Glowbar launch: the vitamin C glow serum is here", 20);
    expect(cut).toBe("Glowbar launch: the…");
    expect(cut.length).toBe(20);
  });

  it("never splits an emoji: it goes whole or not at all", () => {
    // 🔥 is two UTF-16 units; a cut at 6 would land inside the second one.
    const cut = shorten("hot 🔥🔥🔥 drop", 7);
    expect(cut).toBe("hot 🔥…");
    expect(cut.length).toBeLessThanOrEqual(7);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
