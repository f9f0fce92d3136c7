import { describe, expect, it } from "vitest";
import { collapseElongation, normalizeText, normalizeToken } from "./normalize.ts";

describe("normalizeText", () => {
  it("lower-cases, folds accents and turns emoji into family words", () => {
    expect(normalizeText("LOVE it 😍😍 ¿Dónde está?").replace(/\s+/g, " ").trim()).toBe("love it emolove emolove ¿donde esta?");
  });

  it("collapses laughter of any length", () => {
    expect(normalizeText("hahahahaha jajajaja").replace(/\s+/g, " ").trim()).toBe("haha jaja");
  });

  it("reads skin-toned and variation-selector emoji as their base", () => {
    expect(normalizeText("👍🏽❤️").replace(/\s+/g, " ").trim()).toBe("emook emolove");
  });
});

describe("normalizeToken", () => {
  it("collapses stretched words", () => {
    expect(normalizeToken("sooo")).toEqual(["so"]);
    expect(normalizeToken("pleeeease")).toEqual(["please"]);
    expect(normalizeToken("goooood")).toEqual(["good"]);
    expect(collapseElongation("helloooo", (w) => w === "hello")).toBe("hello");
  });

  it("expands English and Spanish slang", () => {
    expect(normalizeToken("wya")).toEqual(["where", "are", "you"]);
    expect(normalizeToken("tf")).toEqual(["the", "fuck"]);
    expect(normalizeToken("xfa")).toEqual(["por", "favor"]);
    expect(normalizeToken("plzzz")).toEqual(["please"]);
  });

  it("leaves ordinary words and prototype names alone", () => {
    expect(normalizeToken("order")).toEqual(["order"]);
    expect(normalizeToken("constructor")).toEqual(["constructor"]);
  });
});
