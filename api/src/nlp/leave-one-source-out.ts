import { LABELS } from "@surgedesk/shared";
import { createClassifier, type Classifier } from "./classifier.ts";
import { fitModel } from "./fit-model.ts";
import { evaluate, type Evaluation } from "./metrics.ts";
import type { Recipe } from "./recipe.ts";
import { mayTrainOn, realTrainingRows, type RealRow, type TrainingRow } from "./training-data.ts";

/**
 * Leave-one-source-out evaluation: for each source of real text, a model fitted without that
 * source is tested on it — the honest estimate of how the classifier does on text from a place
 * it has never seen (a new brand's customers). Sources the shipped model may not train on
 * (licence) are never in training, so one model fitted on all the others serves them all.
 */

export interface SourceResult {
  source: string;
  rows: number;
  trainable: boolean;
  evaluation: Evaluation;
  /** Messages whose top score fell under the model's "needs a label" floor. */
  needsLabel: number;
  /** Accuracy on the rest. */
  confidentAccuracy: number;
}

export interface SourceEvaluation {
  sources: SourceResult[];
  meanMacroF1: number;
}

export function evaluateOnRows(classifier: Classifier, rows: readonly { text: string; label: string }[]): Omit<SourceResult, "source" | "trainable"> {
  const results = rows.map((r) => classifier.classify(r.text));
  let needsLabel = 0;
  let confident = 0;
  let right = 0;
  results.forEach((res, i) => {
    if (res.needsLabel) needsLabel++;
    else {
      confident++;
      if (res.label === rows[i]!.label) right++;
    }
  });
  return {
    rows: rows.length,
    evaluation: evaluate([...LABELS], rows.map((r) => r.label), results.map((r) => r.label)),
    needsLabel,
    confidentAccuracy: confident === 0 ? 0 : right / confident,
  };
}

export function meanOf(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

export function leaveOneSourceOut(
  base: readonly TrainingRow[],
  real: readonly RealRow[],
  recipe: Recipe,
  options: { log?: (line: string) => void; only?: readonly string[] } = {},
): SourceEvaluation {
  const log = options.log ?? (() => {});
  const sources = [...new Set(real.map((r) => r.source))].filter((s) => options.only === undefined || options.only.includes(s));
  const trainable = (source: string) => recipe.realText && real.some((r) => r.source === source && mayTrainOn(r.licence));
  const fit = (without: string | null): Classifier => {
    const rows = [...base, ...(recipe.realText ? realTrainingRows(real.filter((r) => r.source !== without), { licensedOnly: true }) : [])];
    return createClassifier(fitModel(rows, { recipe, dataSha256: "evaluation", corrections: 0 }).artifact);
  };
  let shared: Classifier | undefined;
  const results: SourceResult[] = [];
  for (const source of sources) {
    const started = performance.now();
    const isTrainable = trainable(source);
    const classifier = isTrainable ? fit(source) : (shared ??= fit(null));
    const rows = real.filter((r) => r.source === source);
    const result = { source, trainable: isTrainable, ...evaluateOnRows(classifier, rows) };
    results.push(result);
    log(`  ${result.evaluation.macroF1.toFixed(3)}  ${source} (${rows.length} rows, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  return { sources: results, meanMacroF1: meanOf(results.map((r) => r.evaluation.macroF1)) };
}
