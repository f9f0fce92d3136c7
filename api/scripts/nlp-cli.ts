import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Paths and formatting shared by the nlp-* scripts. The root `pnpm nlp:*` scripts run these
 * through `pnpm --filter @surgedesk/api exec`, whose working directory is api/; file arguments
 * are resolved against the directory the command was typed in, which pnpm passes as INIT_CWD.
 */

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const DEFAULT_CORPUS = resolve(REPO_ROOT, "fixtures/nlp/corpus.jsonl");
/** The public labelled set lives beside the checkout, read-only; evaluation only. */
export const DEFAULT_PUBLIC_EVAL = resolve(REPO_ROOT, "../shared/data/public-eval.csv");
export const DEFAULT_TRAIN_REAL = resolve(REPO_ROOT, "../shared/data/train-real.csv");
export const DEFAULT_BASE_ROWS = resolve(REPO_ROOT, "api/models/base-training.jsonl.gz");
export const DEFAULT_MODEL = resolve(REPO_ROOT, "api/models/classifier.json");
/** The model before real text: trained on the synthetic corpus only, kept to compare against. */
export const DEFAULT_PREVIOUS_MODEL = resolve(REPO_ROOT, "api/models/previous/classifier-v1+674b429763.json");

// eslint-disable-next-line no-restricted-properties -- scripts are not the server; INIT_CWD is pnpm's record of where the user typed the command
const callerDirectory = process.env.INIT_CWD ?? process.cwd();

export function fromCaller(path: string): string {
  return isAbsolute(path) ? path : resolve(callerDirectory, path);
}

export const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
export const num = (x: number, digits = 3) => x.toFixed(digits);

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
