import { describe, expect, it } from "vitest";
import { buildSentimentLexicon, createSentimentScorer } from "./sentiment.ts";

const score = createSentimentScorer(buildSentimentLexicon());
const words = (text: string) => text.split(" ");

describe("sentiment", () => {
  it("is positive for praise and negative for complaints, in -1..1", () => {
    expect(score(words("i love this so much emolove"), "en")).toBeGreaterThan(0.5);
    expect(score(words("worst scam ever emoangry"), "en")).toBeLessThan(-0.5);
    for (const s of [score(words("love ".repeat(100)), "en"), score(words("hate ".repeat(100)), "en")]) {
      expect(Math.abs(s)).toBeLessThanOrEqual(1);
    }
  });

  it("reads Spanish", () => {
    expect(score(words("me encanta es hermoso"), "es")).toBeGreaterThan(0.3);
    expect(score(words("pesimo servicio son unos ladrones"), "es")).toBeLessThan(-0.3);
  });

  it("flips the words right after a negation, not the whole text", () => {
    expect(score(words("not good"), "en")).toBeLessThan(0);
    expect(score(words("not bad at all but i love it"), "en")).toBeGreaterThan(0);
  });

  it("is zero without any opinion word", () => {
    expect(score([], "und")).toBe(0);
    expect(score(words("where is my order"), "en")).toBe(0);
  });
});
