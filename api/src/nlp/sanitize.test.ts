import { describe, expect, it } from "vitest";
import { MAX_TEXT_CHARS, sanitize } from "./sanitize.ts";

describe("sanitize", () => {
  it("drops zero-width and bidi controls that hide words from filters", () => {
    expect(sanitize("sc\u200Bam\u200D \u202Eorder\u202C\uFEFF")).toBe("scam order");
  });

  it("strips script bodies and tags but keeps the words around them", () => {
    expect(sanitize('<script>alert("x")</script><b>where</b> is <i>my order</i>')).toBe("where  is  my order");
  });

  it("decodes HTML entities, including numeric ones", () => {
    expect(sanitize("Tom &amp; Jerry &gt;.&lt; &#128525; &#x41;")).toBe("Tom & Jerry >.< 😍 A");
  });

  it("folds fancy-font letters to plain ones", () => {
    expect(sanitize("𝐟𝐫𝐞𝐞 ｆｏｌｌｏｗｅｒｓ")).toBe("free followers");
  });

  it("bounds the length and never throws on non-strings", () => {
    expect(sanitize("a".repeat(50_000)).length).toBe(MAX_TEXT_CHARS);
    expect(sanitize("ﷺ".repeat(MAX_TEXT_CHARS)).length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(sanitize(undefined)).toBe("");
    expect(sanitize(42)).toBe("");
  });

  it("removes control characters and lone surrogates", () => {
    expect(sanitize("a\u0000b\u0007c\uD83D")).toBe("a b c");
  });
});
