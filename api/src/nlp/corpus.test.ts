import { describe, expect, it } from "vitest";
import { correctionRowSchema, corpusRowSchema, parseJsonl } from "./corpus.ts";

describe("corpus readers", () => {
  it("reads corpus rows and corrections, naming the line of a bad one", () => {
    const row = { id: "c1", group: "g1", text: "hi", label: "other", escalation: 0, language: "en", platform: "tiktok", kind: "comment", split: "train" };
    expect(parseJsonl(`${JSON.stringify(row)}\n\n`, corpusRowSchema, "corpus.jsonl")).toEqual([row]);
    expect(parseJsonl('{"text":"where is it","label":"order_status"}\n', correctionRowSchema, "fix.jsonl")).toEqual([
      { text: "where is it", label: "order_status" },
    ]);
    expect(() => parseJsonl('{"text":"x","label":"nope"}', correctionRowSchema, "fix.jsonl")).toThrow(/fix\.jsonl:1/);
    expect(() => parseJsonl("{oops", correctionRowSchema, "fix.jsonl")).toThrow(/fix\.jsonl:1: not JSON/);
  });
});
