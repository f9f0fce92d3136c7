import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { readCorpus, readCorrections } from "../src/nlp/corpus.ts";
import { DEFAULT_TRAIN_OPTIONS, sha256, trainModel, type TrainingRow } from "../src/nlp/train-pipeline.ts";
import { binaryFigures } from "../src/nlp/metrics.ts";
import { DEFAULT_CORPUS, DEFAULT_MODEL, fail, fromCaller, num, pct, table } from "./nlp-cli.ts";

/**
 * pnpm nlp:train [--corpus FILE] [--corrections FILE] [--out FILE] [--folds N]
 *
 * Trains on the corpus's train split (plus agents' corrections, if given), choosing the model by
 * grouped cross-validation, and writes the versioned artifact the server loads. The test split
 * and the public set are not read.
 */

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: DEFAULT_CORPUS },
    corrections: { type: "string" },
    out: { type: "string", default: DEFAULT_MODEL },
    folds: { type: "string", default: String(DEFAULT_TRAIN_OPTIONS.folds) },
  },
});

const corpusPath = fromCaller(values.corpus);
if (!existsSync(corpusPath)) fail(`no corpus at ${corpusPath}`);
const corpusText = readFileSync(corpusPath, "utf8");
const train: TrainingRow[] = readCorpus(corpusPath)
  .filter((r) => r.split === "train")
  .map((r) => ({ text: r.text, label: r.label, escalation: r.escalation, group: r.group }));

let correctionsText = "";
let corrections = 0;
if (values.corrections !== undefined) {
  const path = fromCaller(values.corrections);
  correctionsText = readFileSync(path, "utf8");
  const rows = readCorrections(path);
  corrections = rows.length;
  // Corrections carry no paraphrase group: each is its own, so none leaks across folds.
  for (const r of rows) train.push({ text: r.text, label: r.label, escalation: r.escalation });
}

console.log(`training rows: ${train.length} (${corrections} corrections)`);
console.log(
  `candidates: macro-F1 of ${values.folds}-fold grouped cross-validation on the train split, mean of ${DEFAULT_TRAIN_OPTIONS.repeats} fold assignments (each):`,
);
const started = performance.now();
const result = trainModel(train, {
  ...DEFAULT_TRAIN_OPTIONS,
  folds: Number(values.folds),
  corpusSha256: sha256(corpusText + correctionsText),
  corrections,
  log: (line) => console.log(line),
});
const seconds = (performance.now() - started) / 1000;

const { artifact } = result;
const oof = result.escalationOutOfFold;
const escalationOof = binaryFigures(oof.gold, oof.scores.map((s) => s >= artifact.escalation.thresholds.medium));
console.log("");
console.log(`escalation weights (log-odds): bias ${artifact.escalation.bias}`);
console.log(
  table(
    ["signal", "weight"],
    Object.entries(artifact.escalation.weights).map(([k, v]) => [k, num(v ?? 0)]),
  ),
);
console.log(
  `escalation thresholds: medium ≥ ${artifact.escalation.thresholds.medium}, high ≥ ${artifact.escalation.thresholds.high}` +
    ` (out-of-fold precision ${pct(escalationOof.precision)}%, recall ${pct(escalationOof.recall)}%)`,
);

const outPath = fromCaller(values.out);
mkdirSync(dirname(outPath), { recursive: true });
const json = `${JSON.stringify(artifact)}\n`;
writeFileSync(outPath, json);
console.log("");
console.log(`model ${artifact.modelVersion}: ${artifact.linear.vocabulary.length} features, ${(json.length / 1024).toFixed(0)} KiB`);
console.log(`wrote ${outPath} in ${seconds.toFixed(1)} s`);
