import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fixturesDir } from "@surgedesk/api/lib/repo-paths.ts";

/** Realistic buyer comments to replay, from the labelled corpus in fixtures/. */
export function loadCommentTexts(): string[] {
  const lines = readFileSync(join(fixturesDir, "nlp/corpus.jsonl"), "utf8").split("\n");
  return lines.filter(Boolean).map((line) => (JSON.parse(line) as { text: string }).text);
}
