import { softmax } from "./linear-model.ts";

/**
 * Temperature scaling (Guo et al. 2017): one number T that divides the logits before the
 * softmax, chosen to minimise the negative log-likelihood of held-out predictions. It leaves
 * the ranking, and so the label, unchanged, and turns raw scores into probabilities that mean
 * what they say. Fitted on out-of-fold predictions from the training split, never on the test
 * split or the public set.
 */

export function negativeLogLikelihood(logits: readonly Float64Array[], labels: readonly number[], temperature: number): number {
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const p = softmax(logits[i]!, temperature)[labels[i]!]!;
    total -= Math.log(Math.max(p, 1e-12));
  }
  return total / Math.max(1, logits.length);
}

/** Golden-section search over log T in [1/50, 50]; the NLL is unimodal in T. */
export function fitTemperature(logits: readonly Float64Array[], labels: readonly number[]): number {
  if (logits.length === 0) return 1;
  const f = (logT: number) => negativeLogLikelihood(logits, labels, Math.exp(logT));
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = Math.log(1 / 50);
  let b = Math.log(50);
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 60; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = f(d);
    }
  }
  return Math.exp((a + b) / 2);
}

/** Expected calibration error over `bins` confidence bins: how far confidence is from accuracy. */
export function expectedCalibrationError(probabilities: readonly Float64Array[], labels: readonly number[], bins = 10): number {
  const count = new Float64Array(bins);
  const confidence = new Float64Array(bins);
  const correct = new Float64Array(bins);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
    const bin = Math.min(bins - 1, Math.floor(p[best]! * bins));
    count[bin]! += 1;
    confidence[bin]! += p[best]!;
    if (best === labels[i]) correct[bin]! += 1;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]! > 0) ece += Math.abs(confidence[b]! - correct[b]!);
  return ece / Math.max(1, probabilities.length);
}
