import { describe, expect, it } from "vitest";
import { fuzzyFilter, fuzzyScore } from "./fuzzy-match.ts";

describe("fuzzy tag search", () => {
  it("matches letters in order, ignoring case and accents, and refuses the rest", () => {
    expect(fuzzyScore("vb", "VIP buyer")).not.toBeNull();
    expect(fuzzyScore("envio", "Envío lento")).toBe(0);
    expect(fuzzyScore("bv", "VIP buyer")).toBeNull();
    expect(fuzzyScore("", "anything")).toBe(0);
  });

  it("ranks a name's start, then a word's start, then scattered letters", () => {
    const names = ["Partnership", "Wholesale", "Shipping delay", "Free shipping"];
    expect(fuzzyFilter(names, "ship", (n) => n)).toEqual(["Shipping delay", "Free shipping", "Partnership"]);
    expect(fuzzyFilter(names, "dl", (n) => n)).toEqual(["Shipping delay"]);
    expect(fuzzyFilter(["Press", "Pre-order", "Promo"], "pr", (n) => n)).toEqual(["Press", "Pre-order", "Promo"]);
  });
});
