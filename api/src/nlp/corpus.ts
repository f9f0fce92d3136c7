import { readFileSync } from "node:fs";
import { z } from "zod";
import { labelSchema } from "@surgedesk/shared";
import { parseCsvObjects } from "./csv.ts";

/**
 * The labelled data the scripts read: the corpus (fixtures/nlp/corpus.jsonl), agents'
 * corrections (same `{text, label}` rows), and the public evaluation CSV.
 */

export const corpusRowSchema = z.object({
  id: z.string(),
  group: z.string(),
  text: z.string(),
  label: labelSchema,
  escalation: z.union([z.literal(0), z.literal(1)]),
  language: z.enum(["en", "es"]),
  platform: z.string(),
  kind: z.string(),
  split: z.enum(["train", "test"]),
});
export type CorpusRow = z.infer<typeof corpusRowSchema>;

export const correctionRowSchema = z.object({
  text: z.string(),
  label: labelSchema,
  escalation: z.union([z.literal(0), z.literal(1)]).optional(),
});
export type CorrectionRow = z.infer<typeof correctionRowSchema>;

export const publicRowSchema = z.object({ text: z.string(), label: labelSchema, source: z.string() });
export type PublicRow = z.infer<typeof publicRowSchema>;

/** Parses JSON Lines, naming the line of the first bad row. */
export function parseJsonl<T>(text: string, schema: z.ZodType<T>, source: string): T[] {
  const out: T[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${source}:${i + 1}: not JSON`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new Error(`${source}:${i + 1}: ${parsed.error.issues[0]?.message ?? "invalid row"}`);
    out.push(parsed.data);
  });
  return out;
}

export function readCorpus(path: string): CorpusRow[] {
  return parseJsonl(readFileSync(path, "utf8"), corpusRowSchema, path);
}

export function readCorrections(path: string): CorrectionRow[] {
  return parseJsonl(readFileSync(path, "utf8"), correctionRowSchema, path);
}

export function readPublicEval(path: string): PublicRow[] {
  return parseCsvObjects(readFileSync(path, "utf8")).map((row, i) => {
    const parsed = publicRowSchema.safeParse(row);
    if (!parsed.success) throw new Error(`${path}: row ${i + 2}: ${parsed.error.issues[0]?.message ?? "invalid row"}`);
    return parsed.data;
  });
}
