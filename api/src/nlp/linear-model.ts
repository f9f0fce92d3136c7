/**
 * The scoring form every candidate model is reduced to: one weight per (feature, label) plus a
 * bias per label, logits summed over the features present, and a softmax at a fitted
 * temperature. Logistic regression and linear SVMs are this form directly; naive Bayes is too
 * (log priors and log likelihoods); so is a sum of them. That is what lets candidates be
 * compared, stored and explained the same way.
 *
 * Weights live in one flat table (feature row × label) with each row's mean precomputed, so
 * classifying is one map lookup per feature and a few adds — where the throughput comes from:
 * natural's BayesClassifier re-tokenizes and walks every class's feature table per call.
 */

export interface LinearModel {
  /** Class names, in weight order. */
  labels: readonly string[];
  bias: Float64Array;
  /** Feature → its row in `table`. */
  index: ReadonlyMap<string, number>;
  /** Rows × labels, row-major. */
  table: Float64Array;
  /** Each row's mean weight: explanations are centred on it. */
  means: Float64Array;
  /** Softmax temperature from calibration (1 = raw). */
  temperature: number;
}

/** Builds the table form from per-feature weight rows (what the trainers produce). */
export function linearModel(
  labels: readonly string[],
  bias: Float64Array,
  weights: ReadonlyMap<string, ArrayLike<number>>,
  temperature: number,
): LinearModel {
  const L = labels.length;
  const index = new Map<string, number>();
  const table = new Float64Array(weights.size * L);
  const means = new Float64Array(weights.size);
  for (const [feature, row] of weights) {
    const r = index.size;
    index.set(feature, r);
    let sum = 0;
    for (let c = 0; c < L; c++) {
      table[r * L + c] = row[c]!;
      sum += row[c]!;
    }
    means[r] = sum / L;
  }
  return { labels, bias, index, table, means, temperature };
}

/** The table rows of the features the model knows, in feature order. */
export interface Present {
  features: string[];
  rows: number[];
}

export function presentFeatures(model: LinearModel, features: readonly string[]): Present {
  const present: Present = { features: [], rows: [] };
  for (const feature of features) {
    const r = model.index.get(feature);
    if (r === undefined) continue;
    present.features.push(feature);
    present.rows.push(r);
  }
  return present;
}

export function logitsOfRows(model: LinearModel, rows: readonly number[]): Float64Array {
  const L = model.labels.length;
  const logits = Float64Array.from(model.bias);
  for (const r of rows) {
    const base = r * L;
    for (let c = 0; c < L; c++) logits[c]! += model.table[base + c]!;
  }
  return logits;
}

export function logitsOf(model: LinearModel, features: readonly string[]): Float64Array {
  return logitsOfRows(model, presentFeatures(model, features).rows);
}

export function softmax(logits: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const z of logits) if (z > max) max = z;
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    const e = Math.exp((logits[c]! - max) / temperature);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < out.length; c++) out[c]! /= sum;
  return out;
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

export interface Scored {
  logits: Float64Array;
  probabilities: Float64Array;
  /** Index of the highest probability. */
  best: number;
  present: Present;
}

/** `boost` adds calibrated log-odds to one label (evidence from outside the text, e.g. the author's history). */
export function score(model: LinearModel, features: readonly string[], boost?: { label: number; logOdds: number }): Scored {
  const present = presentFeatures(model, features);
  const logits = logitsOfRows(model, present.rows);
  if (boost !== undefined && boost.logOdds !== 0) logits[boost.label]! += boost.logOdds * model.temperature;
  const probabilities = softmax(logits, model.temperature);
  return { logits, probabilities, best: argmax(probabilities), present };
}

export interface Contribution {
  feature: string;
  label: number;
  /** How far the feature moved this label's logit above the labels' average (log-odds). */
  weight: number;
}

/**
 * The features that pushed `label` up the most, relative to the other labels: a feature that
 * raises every label equally ("the") explains nothing, so each weight is centred on its row's
 * mean. Weights are in calibrated log-odds (divided by the temperature).
 */
export function topContributions(model: LinearModel, present: Present, label: number, limit: number): Contribution[] {
  const L = model.labels.length;
  const found: Contribution[] = [];
  for (let i = 0; i < present.rows.length; i++) {
    const r = present.rows[i]!;
    const weight = (model.table[r * L + label]! - model.means[r]!) / model.temperature;
    if (weight > 0) found.push({ feature: present.features[i]!, label, weight });
  }
  found.sort((a, b) => b.weight - a.weight);
  return found.length > limit ? found.slice(0, limit) : found;
}
