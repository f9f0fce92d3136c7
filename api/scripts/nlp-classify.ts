import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parseArgs } from "node:util";
import type { ClassificationContext } from "@surgedesk/shared";
import { loadClassifier } from "../src/nlp/classifier.ts";
import { parseCsvObjects } from "../src/nlp/csv.ts";
import { DEFAULT_MODEL, fail, fromCaller } from "./nlp-cli.ts";

/**
 * pnpm -s nlp:classify FILE [--model FILE]
 *
 * FILE is a CSV with a header that has a `text` column, or JSON Lines with `{"text": …}` per
 * line ("-" reads standard input). Optional `likes` and `priorMessagesFromAuthor` columns/keys
 * are passed as context. Prints one classification per input row, in order, as JSON Lines on
 * stdout; a row that cannot be read prints `{"error": …}` in its place so lines stay aligned.
 * (`-s` keeps pnpm's own banner off stdout.)
 */

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { model: { type: "string", default: DEFAULT_MODEL } },
});
const file = positionals[0];
if (file === undefined) fail("usage: pnpm -s nlp:classify FILE.csv|FILE.jsonl [--model FILE]");

const text = file === "-" ? readFileSync(0, "utf8") : readFileSync(fromCaller(file), "utf8");
const extension = extname(file).toLowerCase();
const isJsonl = extension === ".jsonl" || extension === ".ndjson" || extension === ".json" || (extension !== ".csv" && text.trimStart().startsWith("{"));

type Row = { text: string; context: ClassificationContext } | { error: string };

function count(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

function contextOf(record: Record<string, unknown>): ClassificationContext {
  const context: ClassificationContext = {};
  const likes = count(record.likes);
  const prior = count(record.priorMessagesFromAuthor);
  if (likes !== undefined) context.likes = likes;
  if (prior !== undefined) context.priorMessagesFromAuthor = prior;
  return context;
}

function readRows(): Row[] {
  if (isJsonl) {
    const rows: Row[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === "") return;
      try {
        const value: unknown = JSON.parse(line);
        if (typeof value !== "object" || value === null || typeof (value as { text?: unknown }).text !== "string") {
          rows.push({ error: `line ${i + 1}: expected an object with a "text" string` });
          return;
        }
        const record = value as Record<string, unknown>;
        rows.push({ text: record.text as string, context: contextOf(record) });
      } catch {
        rows.push({ error: `line ${i + 1}: not JSON` });
      }
    });
    return rows;
  }
  const records = parseCsvObjects(text);
  if (records.length > 0 && !("text" in records[0]!)) fail(`${file}: the CSV header has no "text" column`);
  return records.map((record) => ({ text: record.text ?? "", context: contextOf(record) }));
}

const rows = readRows();
const classifier = loadClassifier(fromCaller(values.model));

// Writes stop quietly when the reader goes away (`| head`).
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

let buffer: string[] = [];
for (const row of rows) {
  buffer.push(JSON.stringify("error" in row ? row : classifier.classify(row.text, row.context)));
  if (buffer.length >= 1000) {
    process.stdout.write(`${buffer.join("\n")}\n`);
    buffer = [];
  }
}
if (buffer.length > 0) process.stdout.write(`${buffer.join("\n")}\n`);
