import { seededRandom, shuffleInPlace } from "./random.ts";
import { vocabulary, type Example, type TrainedWeights } from "./training-set.ts";

/**
 * One-vs-rest linear SVM with squared hinge loss, trained by dual coordinate descent (Hsieh et
 * al. 2008, the LIBLINEAR solver): one pass per epoch updates one example's dual variable in
 * closed form, so it converges in a few dozen passes over sparse binary features.
 *
 * Optional NB scaling (NB-SVM, Wang & Manning 2012): each feature is scaled, per class, by its
 * naive-Bayes log-count ratio before the SVM sees it. The product of that ratio and the SVM
 * weight is again one weight per (feature, label), so the result is the same linear model the
 * rest of the code scores, explains and stores. The per-class margins become the logits; the
 * softmax temperature fitted afterwards turns them into probabilities.
 */

export interface SvmOptions {
  /** Inverse regularization: larger fits the training data more closely. */
  C: number;
  epochs: number;
  /** Scale features by naive-Bayes log-count ratios (NB-SVM). */
  nbScaling: boolean;
  /** Smoothing of the NB ratios. */
  alpha: number;
  /** Weigh each class's positives up to balance one class against the rest. */
  balanced: boolean;
  /** Features seen in fewer training examples are dropped. */
  minCount: number;
  seed: number;
}

export const DEFAULT_SVM: SvmOptions = { C: 0.1, epochs: 40, nbScaling: false, alpha: 1, balanced: true, minCount: 1, seed: 11 };


export function trainSvm(examples: readonly Example[], labelCount: number, options: SvmOptions): TrainedWeights {
  const index = vocabulary(examples, options.minCount);
  const V = index.size + 1; // one extra column for the bias feature
  const biasColumn = index.size;
  const rows = examples.map((e) => {
    const ids = e.features.map((f) => index.get(f)).filter((f): f is number => f !== undefined);
    ids.push(biasColumn);
    return { label: e.label, weight: e.weight ?? 1, features: Int32Array.from(ids) };
  });
  const n = rows.length;
  const random = seededRandom(options.seed);
  const weights = new Map<string, Float64Array>();
  for (const feature of index.keys()) weights.set(feature, new Float64Array(labelCount));
  const bias = new Float64Array(labelCount);
  const features = [...index.keys()];

  const totalWeight = rows.reduce((a, r) => a + r.weight, 0);
  for (let c = 0; c < labelCount; c++) {
    const positiveRows = rows.filter((r) => r.label === c).length;
    const positives = rows.reduce((a, r) => a + (r.label === c ? r.weight : 0), 0);
    if (positiveRows === 0) {
      bias[c] = -1e3;
      continue;
    }
    // NB log-count ratio per feature for this class (1 when scaling is off).
    const r = new Float64Array(V).fill(1);
    if (options.nbScaling) {
      const p = new Float64Array(V).fill(options.alpha);
      const q = new Float64Array(V).fill(options.alpha);
      for (const row of rows) for (const f of row.features) (row.label === c ? p : q)[f]! += 1;
      let pSum = 0;
      let qSum = 0;
      for (let f = 0; f < V; f++) {
        pSum += p[f]!;
        qSum += q[f]!;
      }
      for (let f = 0; f < V; f++) r[f] = Math.log(p[f]! / pSum / (q[f]! / qSum));
      r[biasColumn] = 1;
    }
    const upWeight = options.balanced ? (totalWeight - positives) / positives : 1;
    const y = new Float64Array(n);
    const D = new Float64Array(n);
    const Q = new Float64Array(n);
    rows.forEach((row, i) => {
      y[i] = row.label === c ? 1 : -1;
      const Ci = options.C * row.weight * (row.label === c ? upWeight : 1);
      D[i] = 1 / (2 * Ci);
      let norm = 0;
      for (const f of row.features) norm += r[f]! * r[f]!;
      Q[i] = norm + D[i]!;
    });
    const w = new Float64Array(V);
    const alpha = new Float64Array(n);
    const order = rows.map((_, i) => i);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      shuffleInPlace(order, random);
      let maxChange = 0;
      for (const i of order) {
        const row = rows[i]!;
        let margin = 0;
        for (const f of row.features) margin += w[f]! * r[f]!;
        const G = y[i]! * margin - 1 + D[i]! * alpha[i]!;
        const projected = alpha[i] === 0 ? Math.min(G, 0) : G;
        if (projected === 0) continue;
        const before = alpha[i]!;
        alpha[i] = Math.max(before - G / Q[i]!, 0);
        const step = (alpha[i]! - before) * y[i]!;
        if (step === 0) continue;
        for (const f of row.features) w[f]! += step * r[f]!;
        maxChange = Math.max(maxChange, Math.abs(step));
      }
      if (maxChange < 1e-4) break;
    }
    features.forEach((feature, f) => {
      weights.get(feature)![c] = w[f]! * r[f]!;
    });
    bias[c] = w[biasColumn]!;
  }
  return { bias, weights };
}

