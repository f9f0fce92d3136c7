import { gunzipSync, gzipSync } from "node:zlib";
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { labelSchema } from "@surgedesk/shared";
import { parseJsonl } from "./corpus.ts";
import type { TrainingRow } from "./training-data.ts";

/**
 * The rows the shipped model was fitted on (corpus train split + licensed real text), shipped
 * beside it as gzipped JSON Lines: a workspace's retrain is these plus its agents' corrections,
 * refitted with the same recipe.
 */

export const DEFAULT_BASE_ROWS_PATH = new URL("../../models/base-training.jsonl.gz", import.meta.url);

const baseRowSchema = z.object({
  text: z.string(),
  label: labelSchema,
  escalation: z.union([z.literal(0), z.literal(1)]).optional(),
  group: z.string().optional(),
  source: z.string(),
});

export function writeBaseTrainingRows(path: string | URL, rows: readonly TrainingRow[]): void {
  const lines = rows.map((r) =>
    JSON.stringify({ text: r.text, label: r.label, escalation: r.escalation, group: r.group, source: r.source }),
  );
  // mtime 0 in the gzip header: the same rows give the same bytes.
  writeFileSync(path, gzipSync(`${lines.join("\n")}\n`, { level: 9 }));
}

export function readBaseTrainingRows(path: string | URL = DEFAULT_BASE_ROWS_PATH): TrainingRow[] {
  return parseJsonl(gunzipSync(readFileSync(path)).toString("utf8"), baseRowSchema, String(path));
}
