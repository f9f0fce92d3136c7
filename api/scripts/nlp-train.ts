import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { writeBaseTrainingRows } from "../src/nlp/base-training-rows.ts";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { readCorpus, readCorrections } from "../src/nlp/corpus.ts";
import { fitModel, sha256 } from "../src/nlp/fit-model.ts";
import { CHOSEN_RECIPE } from "../src/nlp/recipe.ts";
import { corpusTrainingRows, readRealRows, realTrainingRows, type TrainingRow } from "../src/nlp/training-data.ts";
import { DEFAULT_BASE_ROWS, DEFAULT_CORPUS, DEFAULT_MODEL, DEFAULT_TRAIN_REAL, fail, fromCaller, num } from "./nlp-cli.ts";

/**
 * pnpm nlp:train [--corpus FILE] [--real FILE] [--corrections FILE] [--out FILE] [--base-rows FILE]
 *
 * Also writes the rows it trained on (without corrections) to api/models/base-training.jsonl.gz:
 * every workspace's retrain starts from them, so the server needs no data from outside the
 * repository.
 * Fits the chosen recipe (recipe.ts; chosen by `pnpm nlp:search`) to the corpus's train split,
 * the licensed sources of train-real.csv and, if given, agents' corrections, and writes the
 * artifact the server loads. The corpus's test split and public-eval.csv are never read.
 */

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: DEFAULT_CORPUS },
    real: { type: "string", default: DEFAULT_TRAIN_REAL },
    corrections: { type: "string" },
    out: { type: "string", default: DEFAULT_MODEL },
    "base-rows": { type: "string", default: DEFAULT_BASE_ROWS },
  },
});

const corpusPath = fromCaller(values.corpus);
const realPath = fromCaller(values.real);
if (!existsSync(corpusPath)) fail(`no corpus at ${corpusPath}`);
if (CHOSEN_RECIPE.realText && !existsSync(realPath)) fail(`no real training text at ${realPath}`);
let hashed = readFileSync(corpusPath, "utf8");
const rows: TrainingRow[] = corpusTrainingRows(readCorpus(corpusPath));
if (CHOSEN_RECIPE.realText) {
  hashed += readFileSync(realPath, "utf8");
  rows.push(...realTrainingRows(readRealRows(realPath), { licensedOnly: true }));
}
const baseRowsPath = fromCaller(values["base-rows"]);
writeBaseTrainingRows(baseRowsPath, rows);
let corrections = 0;
if (values.corrections !== undefined) {
  const path = fromCaller(values.corrections);
  hashed += readFileSync(path, "utf8");
  const read = readCorrections(path);
  corrections = read.length;
  for (const r of read) rows.push({ text: r.text, label: r.label, escalation: r.escalation, source: "corrections" });
}

console.log(`recipe: ${CHOSEN_RECIPE.name}`);
console.log(`training rows: ${rows.length} (${corrections} corrections)`);
const started = performance.now();
const { artifact, calibration } = fitModel(rows, {
  recipe: CHOSEN_RECIPE,
  dataSha256: sha256(hashed),
  corrections,
  log: (line) => console.log(line),
});
const seconds = (performance.now() - started) / 1000;
console.log(`escalation thresholds: medium ≥ ${artifact.escalation.thresholds.medium}, high ≥ ${artifact.escalation.thresholds.high}`);
console.log(`calibration split: ${calibration.rows} rows, accuracy ${num(calibration.accuracy)}`);

const outPath = fromCaller(values.out);
mkdirSync(dirname(outPath), { recursive: true });
const json = `${JSON.stringify(artifact)}\n`;
writeFileSync(outPath, json);
console.log(`model ${artifact.modelVersion}: ${artifact.linear.vocabulary.length} features, ${(json.length / 1024).toFixed(0)} KiB`);
console.log(`wrote ${outPath}; fitted in ${seconds.toFixed(1)} s`);
console.log(`wrote ${baseRowsPath} (the base rows workspace retrains start from)`);
