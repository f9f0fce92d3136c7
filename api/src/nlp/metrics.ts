/**
 * Classification figures, computed the same way for our model and for the baseline.
 * Macro-F1 averages over the labels present in the gold data: a set without a label (the
 * public set has no wrong_or_missing_item) neither rewards nor punishes it; predictions of an
 * absent label still count, as misses of the labels they took.
 */

export interface LabelFigures {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  labels: readonly string[];
  perLabel: LabelFigures[];
  macroF1: number;
  accuracy: number;
  /** confusion[gold][predicted] */
  confusion: number[][];
  count: number;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

export function evaluate(labels: readonly string[], gold: readonly string[], predicted: readonly string[]): Evaluation {
  if (gold.length !== predicted.length) throw new Error("gold and predicted differ in length");
  const position = new Map(labels.map((label, i) => [label, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = position.get(gold[i]!);
    const p = position.get(predicted[i]!);
    if (g === undefined || p === undefined) throw new Error(`unknown label: ${gold[i]} / ${predicted[i]}`);
    confusion[g]![p]! += 1;
    if (g === p) correct++;
  }
  const perLabel = labels.map((label, i) => {
    const tp = confusion[i]![i]!;
    const support = confusion[i]!.reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, row) => a + row[i]!, 0);
    const precision = ratio(tp, predictedCount);
    const recall = ratio(tp, support);
    return { label, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const present = perLabel.filter((l) => l.support > 0);
  return {
    labels,
    perLabel,
    macroF1: ratio(
      present.reduce((a, l) => a + l.f1, 0),
      present.length,
    ),
    accuracy: ratio(correct, gold.length),
    confusion,
    count: gold.length,
  };
}

export interface BinaryFigures {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export function binaryFigures(gold: readonly boolean[], predicted: readonly boolean[]): BinaryFigures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < gold.length; i++) {
    if (predicted[i] && gold[i]) tp++;
    else if (predicted[i]) fp++;
    else if (gold[i]) fn++;
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), truePositives: tp, falsePositives: fp, falseNegatives: fn };
}
