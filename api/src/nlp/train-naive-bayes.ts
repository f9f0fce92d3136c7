import { vocabulary, type Example, type TrainedWeights } from "./training-set.ts";

/**
 * Naive Bayes candidates over the same features as the logistic model, in linear form so that
 * they score, calibrate and explain identically (see linear-model.ts):
 * - multinomial: weight = log P(feature | label), bias = log P(label);
 * - complement (Rennie et al. 2003): weight = −log P(feature | every other label), which is
 *   steadier than multinomial when labels are unbalanced.
 * Features are binary per message (Bernoulli-style counts), as in the rest of the model.
 */

export interface NaiveBayesOptions {
  variant: "multinomial" | "complement";
  /** Additive (Lidstone) smoothing. */
  alpha: number;
  minCount: number;
}

export function trainNaiveBayes(examples: readonly Example[], labelCount: number, options: NaiveBayesOptions): TrainedWeights {
  const index = vocabulary(examples, options.minCount);
  const L = labelCount;
  const V = index.size;
  const counts = new Float64Array(V * L);
  const totals = new Float64Array(L);
  const docs = new Float64Array(L);
  for (const example of examples) {
    docs[example.label]! += 1;
    for (const feature of example.features) {
      const f = index.get(feature);
      if (f === undefined) continue;
      counts[f * L + example.label]! += 1;
      totals[example.label]! += 1;
    }
  }
  const grandTotal = totals.reduce((a, b) => a + b, 0);
  const bias = new Float64Array(L);
  for (let c = 0; c < L; c++) {
    // A label absent from training can never win.
    bias[c] = docs[c]! > 0 ? Math.log(docs[c]! / examples.length) : -1e9;
    if (options.variant === "complement" && docs[c]! > 0) bias[c] = 0;
  }

  const weights = new Map<string, Float64Array>();
  for (const [feature, f] of index) {
    const w = new Float64Array(L);
    let rowTotal = 0;
    for (let c = 0; c < L; c++) rowTotal += counts[f * L + c]!;
    for (let c = 0; c < L; c++) {
      const n = counts[f * L + c]!;
      w[c] =
        options.variant === "multinomial"
          ? Math.log((n + options.alpha) / (totals[c]! + options.alpha * V))
          : -Math.log((rowTotal - n + options.alpha) / (grandTotal - totals[c]! + options.alpha * V));
    }
    weights.set(feature, w);
  }
  return { bias, weights };
}
