import { readFileSync } from "node:fs";
import { LABELS } from "@surgedesk/shared";
import { describe, expect, it } from "vitest";

interface CorpusRow {
  id: string;
  group: string;
  text: string;
  label: string;
  escalation: 0 | 1;
  language: "en" | "es";
  platform: "tiktok" | "instagram";
  kind: "comment" | "dm";
  split: "train" | "test";
}

const rows: CorpusRow[] = readFileSync(new URL("../fixtures/nlp/corpus.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as CorpusRow);

describe("classifier training corpus (fixtures/nlp/corpus.jsonl)", () => {
  it("has at least 3,000 rows with exactly the documented fields", () => {
    expect(rows.length).toBeGreaterThanOrEqual(3000);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(["escalation", "group", "id", "kind", "label", "language", "platform", "split", "text"]);
      expect(row.text.trim()).not.toBe("");
      expect([0, 1]).toContain(row.escalation);
      expect(["en", "es"]).toContain(row.language);
      expect(["tiktok", "instagram"]).toContain(row.platform);
      expect(["comment", "dm"]).toContain(row.kind);
      expect(["train", "test"]).toContain(row.split);
    }
  });

  it("uses only taxonomy labels, each with at least 150 rows", () => {
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.label, (counts.get(row.label) ?? 0) + 1);
    for (const label of counts.keys()) expect(LABELS as readonly string[]).toContain(label);
    for (const label of LABELS) expect(counts.get(label) ?? 0, label).toBeGreaterThanOrEqual(150);
  });

  it("is 10–20% Spanish", () => {
    const share = rows.filter((r) => r.language === "es").length / rows.length;
    expect(share).toBeGreaterThanOrEqual(0.1);
    expect(share).toBeLessThanOrEqual(0.2);
  });

  it("keeps every seed group inside one split", () => {
    const splitOf = new Map<string, string>();
    for (const row of rows) {
      const seen = splitOf.get(row.group);
      if (seen !== undefined) expect(row.split, row.group).toBe(seen);
      else splitOf.set(row.group, row.split);
    }
  });

  it("has no text in both train and test", () => {
    const train = new Set(rows.filter((r) => r.split === "train").map((r) => r.text));
    const leaked = rows.filter((r) => r.split === "test" && train.has(r.text)).map((r) => r.text);
    expect(leaked).toEqual([]);
  });

  it("holds out 15–25% of rows as test", () => {
    const share = rows.filter((r) => r.split === "test").length / rows.length;
    expect(share).toBeGreaterThanOrEqual(0.15);
    expect(share).toBeLessThanOrEqual(0.25);
  });

  it("has unique ids", () => {
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });
});
