import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { LABELS, type Label } from "@surgedesk/shared";
import { trainStockBayes } from "../src/nlp/baseline-bayes.ts";
import { expectedCalibrationError } from "../src/nlp/calibration.ts";
import { loadClassifier } from "../src/nlp/classifier.ts";
import { readCorpus, readPublicEval } from "../src/nlp/corpus.ts";
import { binaryFigures, evaluate, type Evaluation } from "../src/nlp/metrics.ts";
import { DEFAULT_CORPUS, DEFAULT_MODEL, DEFAULT_PUBLIC_EVAL, fail, fromCaller, num, pct, table } from "./nlp-cli.ts";

/**
 * pnpm nlp:eval [--model FILE] [--corpus FILE] [--public FILE]
 *
 * Evaluates the committed artifact on the corpus's held-out test split and on the public
 * labelled set, next to natural's stock BayesClassifier trained on the same train split, and
 * prints the bars. Nothing here trains our model or changes it.
 */

const { values } = parseArgs({
  options: {
    model: { type: "string", default: DEFAULT_MODEL },
    corpus: { type: "string", default: DEFAULT_CORPUS },
    public: { type: "string", default: DEFAULT_PUBLIC_EVAL },
  },
});

const BAR_MACRO_F1 = 0.85;
const BAR_ESCALATION_RECALL = 0.9;
const BAR_ESCALATION_PRECISION = 0.7;
const BAR_PUBLIC_MARGIN = 0.05;

const labels = [...LABELS];
const pass = (ok: boolean) => (ok ? "PASS" : "FAIL");

function printEvaluation(title: string, ev: Evaluation): void {
  console.log(`\n== ${title} (n=${ev.count}) ==`);
  console.log(
    table(
      ["label", "precision", "recall", "F1", "support"],
      ev.perLabel.filter((l) => l.support > 0 || l.precision > 0).map((l) => [l.label, num(l.precision), num(l.recall), num(l.f1), l.support]),
    ),
  );
  console.log(`macro-F1 ${num(ev.macroF1)}   accuracy ${num(ev.accuracy)}`);
}

function printConfusion(ev: Evaluation): void {
  const short = (l: string) => l.split("_").map((w) => w.slice(0, 4)).join("_");
  console.log("\nconfusion matrix (rows: gold, columns: predicted)");
  console.log(
    table(
      ["gold \\ predicted", ...ev.labels.map(short)],
      ev.labels.map((l, i) => [l, ...ev.confusion[i]!.map(String)]),
    ),
  );
}

const modelPath = fromCaller(values.model);
const corpusPath = fromCaller(values.corpus);
if (!existsSync(modelPath)) fail(`no model at ${modelPath}; run pnpm nlp:train`);
if (!existsSync(corpusPath)) fail(`no corpus at ${corpusPath}`);

const classifier = loadClassifier(modelPath);
const { artifact } = classifier.model;
console.log(`model ${artifact.modelVersion}: ${artifact.selection.chosen}, trained on ${artifact.trainedOn.rows} rows`);

const corpus = readCorpus(corpusPath);
const train = corpus.filter((r) => r.split === "train");
const test = corpus.filter((r) => r.split === "test");
const bayes = trainStockBayes(train);

// Held-out split.
const results = test.map((r) => classifier.classify(r.text));
const held = evaluate(labels, test.map((r) => r.label), results.map((r) => r.label));
printEvaluation("held-out test split", held);
printConfusion(held);
const ece = expectedCalibrationError(
  results.map((r) => Float64Array.from(labels, (l) => r.scores[l])),
  test.map((r) => labels.indexOf(r.label)),
);
console.log(`\ncalibration: expected calibration error ${num(ece)} (0 = confidence equals accuracy)`);
for (const language of ["en", "es"] as const) {
  const idx = test.map((r, i) => (r.language === language ? i : -1)).filter((i) => i >= 0);
  if (idx.length === 0) continue;
  const ev = evaluate(labels, idx.map((i) => test[i]!.label), idx.map((i) => results[i]!.label));
  console.log(`  ${language}: macro-F1 ${num(ev.macroF1)} (n=${idx.length})`);
}

const escalation = binaryFigures(
  test.map((r) => r.escalation === 1),
  results.map((r) => r.escalation.level !== "low"),
);
const highOnly = binaryFigures(
  test.map((r) => r.escalation === 1),
  results.map((r) => r.escalation.level === "high"),
);
console.log(
  `\nescalation (level medium or high counts as escalate): precision ${num(escalation.precision)}, recall ${num(escalation.recall)}` +
    ` (tp ${escalation.truePositives}, fp ${escalation.falsePositives}, fn ${escalation.falseNegatives})`,
);
console.log(`escalation, level high only: precision ${num(highOnly.precision)}, recall ${num(highOnly.recall)}`);

const heldBayes = evaluate(labels, test.map((r) => r.label), test.map((r) => bayes.classify(r.text) as Label));
console.log(`stock natural BayesClassifier on the held-out split: macro-F1 ${num(heldBayes.macroF1)}`);

// Public set.
const publicPath = fromCaller(values.public);
let publicOurs: Evaluation | undefined;
let publicBayes: Evaluation | undefined;
if (existsSync(publicPath)) {
  const rows = readPublicEval(publicPath);
  publicOurs = evaluate(labels, rows.map((r) => r.label), rows.map((r) => classifier.classify(r.text).label));
  publicBayes = evaluate(labels, rows.map((r) => r.label), rows.map((r) => bayes.classify(r.text) as Label));
  printEvaluation(`public labelled set ${publicPath}`, publicOurs);
  printConfusion(publicOurs);
  console.log(`stock natural BayesClassifier (same train split, default settings): macro-F1 ${num(publicBayes.macroF1)}`);
  const bayesByLabel = new Map(publicBayes.perLabel.map((l) => [l.label, l.f1]));
  console.log(
    table(
      ["label", "ours F1", "stock Bayes F1"],
      publicOurs.perLabel
        .filter((l) => l.support > 0)
        .map((l) => [l.label, num(l.f1), num(bayesByLabel.get(l.label) ?? 0)]),
    ),
  );
} else {
  console.log(`\n(no public set at ${publicPath})`);
}

console.log("\n== bars ==");
console.log(`${pass(held.macroF1 >= BAR_MACRO_F1)}  held-out macro-F1 ${num(held.macroF1)} ≥ ${BAR_MACRO_F1}`);
console.log(
  `${pass(escalation.recall >= BAR_ESCALATION_RECALL && escalation.precision >= BAR_ESCALATION_PRECISION)}  escalation recall ${pct(escalation.recall)}% ≥ ${BAR_ESCALATION_RECALL * 100}% at precision ${pct(escalation.precision)}% ≥ ${BAR_ESCALATION_PRECISION * 100}%`,
);
if (publicOurs && publicBayes) {
  const margin = publicOurs.macroF1 - publicBayes.macroF1;
  console.log(
    `${pass(margin >= BAR_PUBLIC_MARGIN)}  public macro-F1 ${num(publicOurs.macroF1)} vs stock BayesClassifier ${num(publicBayes.macroF1)}: ${margin >= 0 ? "+" : ""}${(margin * 100).toFixed(1)} points (bar +${BAR_PUBLIC_MARGIN * 100})`,
  );
}
