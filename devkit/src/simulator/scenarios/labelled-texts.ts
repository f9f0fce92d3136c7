import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LABELS, type Label, type MessageKind } from "@surgedesk/shared";
import { fixturesDir } from "@surgedesk/api/lib/repo-paths.ts";

export type LabelledTexts = Record<Label, Record<MessageKind, string[]>>;

/**
 * Realistic buyer texts per label and kind, from the labelled corpus, so a scenario can ask for
 * "a where-is-my-order comment". The classifier labels them on ingest like any message.
 */
export function loadLabelledTexts(): LabelledTexts {
  const texts = Object.fromEntries(LABELS.map((l) => [l, { comment: [] as string[], dm: [] as string[] }])) as LabelledTexts;
  for (const line of readFileSync(join(fixturesDir, "nlp/corpus.jsonl"), "utf8").split("\n")) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text: string; label: Label; kind: MessageKind };
    texts[row.label]?.[row.kind].push(row.text);
  }
  // Every label has comments; a label with few DMs borrows its comments for DMs.
  for (const label of LABELS) if (texts[label].dm.length < 5) texts[label].dm.push(...texts[label].comment);
  return texts;
}
