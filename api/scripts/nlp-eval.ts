import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { LABELS } from "@surgedesk/shared";
import { expectedCalibrationError } from "../src/nlp/calibration.ts";
import { loadClassifier, type Classifier } from "../src/nlp/classifier.ts";
import { readCorpus, readPublicEval } from "../src/nlp/corpus.ts";
import { evaluateOnRows, leaveOneSourceOut, meanOf } from "../src/nlp/leave-one-source-out.ts";
import { binaryFigures, type Evaluation } from "../src/nlp/metrics.ts";
import { CHOSEN_RECIPE } from "../src/nlp/recipe.ts";
import { corpusTrainingRows, readRealRows } from "../src/nlp/training-data.ts";
import { DEFAULT_CORPUS, DEFAULT_MODEL, DEFAULT_PREVIOUS_MODEL, DEFAULT_PUBLIC_EVAL, DEFAULT_TRAIN_REAL, fail, fromCaller, num, pct, table } from "./nlp-cli.ts";

/**
 * pnpm nlp:eval [--model FILE] [--previous FILE] [--no-loso]
 *
 * The classifier on three kinds of text, side by side with the previous model (trained on the
 * synthetic corpus alone):
 * 1. leave-one-source-out over train-real.csv — the chosen recipe fitted without each source and
 *    tested on it: how the model does on text from somewhere it has never seen. The figure
 *    models are chosen by;
 * 2. public-eval.csv — real text from sources the model has seen (never trained on);
 * 3. the synthetic corpus's held-out split.
 * Then escalation on the rows where it is labelled, the "needs a label" share, and the bars.
 */

const { values } = parseArgs({
  options: {
    model: { type: "string", default: DEFAULT_MODEL },
    previous: { type: "string", default: DEFAULT_PREVIOUS_MODEL },
    corpus: { type: "string", default: DEFAULT_CORPUS },
    real: { type: "string", default: DEFAULT_TRAIN_REAL },
    public: { type: "string", default: DEFAULT_PUBLIC_EVAL },
    "no-loso": { type: "boolean", default: false },
  },
});

const BAR_PUBLIC = 0.8;
const BAR_PUBLIC_LABEL = 0.4;
const BAR_SYNTHETIC = 0.85;
const BAR_ESCALATED_SHARE = 0.25;

const labels = [...LABELS];
const pass = (ok: boolean) => (ok ? "PASS" : "FAIL");
const bars: string[] = [];
const bar = (ok: boolean, text: string) => bars.push(`${pass(ok)}  ${text}`);

function printEvaluation(title: string, ev: Evaluation, previous?: Evaluation): void {
  console.log(`\n== ${title} (n=${ev.count}) ==`);
  const before = new Map(previous?.perLabel.map((l) => [l.label, l.f1]));
  console.log(
    table(
      ["label", "precision", "recall", "F1", ...(previous ? ["previous F1"] : []), "support"],
      ev.perLabel
        .filter((l) => l.support > 0 || l.precision > 0)
        .map((l) => [l.label, num(l.precision), num(l.recall), num(l.f1), ...(previous ? [num(before.get(l.label) ?? 0)] : []), l.support]),
    ),
  );
  console.log(`macro-F1 ${num(ev.macroF1)}${previous ? ` (previous ${num(previous.macroF1)})` : ""}   accuracy ${num(ev.accuracy)}`);
}

function printConfusion(ev: Evaluation): void {
  const short = (l: string) => l.split("_").map((w) => w.slice(0, 4)).join("_");
  console.log("\nconfusion matrix (rows: gold, columns: predicted)");
  console.log(table(["gold \\ predicted", ...ev.labels.map(short)], ev.labels.map((l, i) => [l, ...ev.confusion[i]!.map(String)])));
}

function needsLabelLine(classifier: Classifier, result: ReturnType<typeof evaluateOnRows>): string {
  return (
    `needs a label (top score < ${classifier.needsLabelBelow}): ${result.needsLabel} of ${result.rows} (${pct(result.needsLabel / result.rows).trim()}%); ` +
    `accuracy of the rest ${num(result.confidentAccuracy)} (all: ${num(result.evaluation.accuracy)})`
  );
}

const modelPath = fromCaller(values.model);
if (!existsSync(modelPath)) fail(`no model at ${modelPath}; run pnpm nlp:train`);
const classifier = loadClassifier(modelPath);
const previousPath = fromCaller(values.previous);
const previous = existsSync(previousPath) ? loadClassifier(previousPath) : undefined;
const { artifact } = classifier.model;
console.log(`model ${artifact.modelVersion}: ${artifact.selection.chosen}, trained on ${artifact.trainedOn.rows} rows`);
if (previous) console.log(`previous ${previous.modelVersion}: ${previous.model.artifact.selection.chosen}`);

// 1. Leave one source out.
const realPath = fromCaller(values.real);
const corpus = readCorpus(fromCaller(values.corpus));
if (!values["no-loso"] && existsSync(realPath)) {
  console.log(`\n== leave-one-source-out over ${realPath} (recipe: ${CHOSEN_RECIPE.name}) ==`);
  const real = readRealRows(realPath);
  const loso = leaveOneSourceOut(corpusTrainingRows(corpus), real, CHOSEN_RECIPE, { log: (line) => console.log(line) });
  const rows = loso.sources.map((s) => {
    const before = previous ? evaluateOnRows(previous, real.filter((r) => r.source === s.source)).evaluation.macroF1 : NaN;
    return { ...s, before };
  });
  console.log(
    table(
      ["held-out source", "rows", "in shipped training", "macro-F1", "previous model", "needs a label", "accuracy of the rest"],
      rows.map((s) => [
        s.source,
        s.rows,
        s.trainable ? "yes" : "no (licence)",
        num(s.evaluation.macroF1),
        num(s.before),
        `${pct(s.needsLabel / s.rows).trim()}%`,
        num(s.confidentAccuracy),
      ]),
    ),
  );
  const meanBefore = meanOf(rows.map((s) => s.before));
  console.log(`mean macro-F1 over held-out sources: ${num(loso.meanMacroF1)} (previous model ${num(meanBefore)})`);
  const worse = rows.filter((s) => !(s.evaluation.macroF1 > s.before));
  bar(
    worse.length === 0,
    `leave-one-source-out mean ${num(loso.meanMacroF1)} vs previous ${num(meanBefore)}; better on every source` +
      (worse.length ? ` (not on: ${worse.map((s) => s.source).join(", ")})` : ""),
  );

  // Escalation where train-real labels it (anger/offence on general tweets: a proxy).
  const escalationRows = real.filter((r) => r.escalation === "yes" || r.escalation === "no");
  const escalated = escalationRows.map((r) => classifier.classify(r.text).escalation.level !== "low");
  const figures = binaryFigures(escalationRows.map((r) => r.escalation === "yes"), escalated);
  console.log(
    `\nescalation on train-real's ${escalationRows.length} escalation rows (anger/offence proxy): precision ${num(figures.precision)}, recall ${num(figures.recall)}`,
  );
}

// 2. Public set.
const publicPath = fromCaller(values.public);
if (existsSync(publicPath)) {
  const rows = readPublicEval(publicPath);
  const ours = evaluateOnRows(classifier, rows);
  const before = previous ? evaluateOnRows(previous, rows) : undefined;
  printEvaluation(`public labelled set ${publicPath}`, ours.evaluation, before?.evaluation);
  printConfusion(ours.evaluation);
  console.log(needsLabelLine(classifier, ours));
  const bySource = [...new Set(rows.map((r) => r.source))].map((source) => {
    const subset = rows.filter((r) => r.source === source);
    return [source, subset.length, num(evaluateOnRows(classifier, subset).evaluation.macroF1)];
  });
  console.log(table(["public-eval source", "rows", "macro-F1"], bySource));
  const escalatedShare = rows.filter((r) => classifier.classify(r.text).escalation.level !== "low").length / rows.length;
  console.log(`escalated (medium or high): ${pct(escalatedShare).trim()}% of public-eval`);
  const lowest = ours.evaluation.perLabel.filter((l) => l.support > 0).sort((a, b) => a.f1 - b.f1)[0]!;
  bar(ours.evaluation.macroF1 >= BAR_PUBLIC, `public-eval macro-F1 ${num(ours.evaluation.macroF1)} ≥ ${BAR_PUBLIC} (previous ${num(before?.evaluation.macroF1 ?? NaN)})`);
  bar(lowest.f1 >= BAR_PUBLIC_LABEL, `public-eval lowest label F1 ${num(lowest.f1)} (${lowest.label}) ≥ ${BAR_PUBLIC_LABEL}`);
  bar(escalatedShare < BAR_ESCALATED_SHARE, `public-eval escalated share ${pct(escalatedShare).trim()}% < ${BAR_ESCALATED_SHARE * 100}%`);
} else {
  console.log(`\n(no public set at ${publicPath})`);
}

// 3. Synthetic held-out split.
const test = corpus.filter((r) => r.split === "test");
const results = test.map((r) => classifier.classify(r.text));
const held = evaluateOnRows(classifier, test);
printEvaluation("synthetic corpus, held-out test split", held.evaluation, previous ? evaluateOnRows(previous, test).evaluation : undefined);
console.log(needsLabelLine(classifier, held));
const ece = expectedCalibrationError(
  results.map((r) => Float64Array.from(labels, (l) => r.scores[l])),
  test.map((r) => labels.indexOf(r.label)),
);
console.log(`calibration: expected calibration error ${num(ece)} (0 = confidence equals accuracy)`);
const escalation = binaryFigures(test.map((r) => r.escalation === 1), results.map((r) => r.escalation.level !== "low"));
console.log(
  `escalation on the held-out split (medium or high = escalate): precision ${num(escalation.precision)}, recall ${num(escalation.recall)}` +
    ` (tp ${escalation.truePositives}, fp ${escalation.falsePositives}, fn ${escalation.falseNegatives})`,
);
bar(held.evaluation.macroF1 >= BAR_SYNTHETIC, `synthetic held-out macro-F1 ${num(held.evaluation.macroF1)} ≥ ${BAR_SYNTHETIC}`);

console.log("\n== bars ==");
for (const line of bars) console.log(line);
