import { binaryFigures } from "./metrics.ts";
import { sigmoid, type EscalationModel } from "./escalation.ts";
import { TEXT_SIGNALS, type TextSignal } from "./escalation-signals.ts";

/**
 * Fits the escalation weights: logistic regression of the corpus's escalation label on the text
 * signals, by full-batch gradient descent with the weights projected to ≥ 0 after each step
 * (monotone: no rule may lower the score), then picks the thresholds:
 * - medium: the highest score threshold that still keeps recall at `targetRecall` on the
 *   examples given (out-of-fold scores when called from the training pipeline);
 * - high: the lowest threshold above medium at which precision reaches `highPrecision`, and
 *   never below 0.75 (3:1 odds): "high" should mean near-certain, typically two signals.
 */

export interface EscalationExample {
  signals: readonly TextSignal[];
  escalate: boolean;
}

export interface EscalationFitOptions {
  l2: number;
  iterations: number;
  learningRate: number;
}

export const DEFAULT_ESCALATION_FIT: EscalationFitOptions = { l2: 1e-3, iterations: 2000, learningRate: 0.5 };

export function fitEscalationWeights(
  examples: readonly EscalationExample[],
  options: EscalationFitOptions = DEFAULT_ESCALATION_FIT,
): Pick<EscalationModel, "bias" | "weights"> {
  const K = TEXT_SIGNALS.length;
  const position = new Map<TextSignal, number>(TEXT_SIGNALS.map((s, i) => [s, i]));
  const rows = examples.map((e) => ({ x: e.signals.map((s) => position.get(s) as number), y: e.escalate ? 1 : 0 }));
  const w = new Float64Array(K);
  let bias = 0;
  const n = Math.max(1, rows.length);
  for (let it = 0; it < options.iterations; it++) {
    const gw = new Float64Array(K);
    let gb = 0;
    for (const row of rows) {
      let z = bias;
      for (const k of row.x) z += w[k]!;
      const g = sigmoid(z) - row.y;
      gb += g;
      for (const k of row.x) gw[k]! += g;
    }
    bias -= (options.learningRate * gb) / n;
    for (let k = 0; k < K; k++) w[k] = Math.max(0, w[k]! - options.learningRate * (gw[k]! / n + options.l2 * w[k]!));
  }
  const weights: Partial<Record<TextSignal, number>> = {};
  TEXT_SIGNALS.forEach((signal, k) => {
    weights[signal] = Math.round(w[k]! * 1000) / 1000;
  });
  return { bias: Math.round(bias * 1000) / 1000, weights };
}

export function escalationScore(model: Pick<EscalationModel, "bias" | "weights">, signals: readonly TextSignal[]): number {
  let z = model.bias;
  for (const s of signals) z += model.weights[s] ?? 0;
  return sigmoid(z);
}

export const HIGH_FLOOR = 0.75;

/**
 * Signals that escalate on their own, whatever their fitted weight: a threat of a chargeback,
 * a report or legal action, or an accusation of fraud, is for a person to see. Some are too
 * rare in the corpus (legal threats: 11 rows, every one escalated) for the fit to give them a
 * weight that reaches "medium" alone.
 */
export const POLICY_SIGNALS: readonly TextSignal[] = ["chargeback_threat", "report_threat", "legal_threat", "scam_accusation"];

/** Raises each policy signal's weight so that, alone, it scores just above the medium threshold. */
export function withPolicyFloors(
  fitted: Pick<EscalationModel, "bias" | "weights">,
  thresholds: EscalationModel["thresholds"],
): Pick<EscalationModel, "bias" | "weights"> {
  const p = Math.min(Math.max(thresholds.medium, 1e-6), 1 - 1e-6);
  const needed = Math.log(p / (1 - p)) - fitted.bias + 0.05;
  const weights = { ...fitted.weights };
  for (const signal of POLICY_SIGNALS) weights[signal] = Math.max(weights[signal] ?? 0, Math.round(needed * 1000) / 1000);
  return { bias: fitted.bias, weights };
}

export function chooseThresholds(
  scores: readonly number[],
  gold: readonly boolean[],
  targetRecall: number,
  highPrecision: number,
): EscalationModel["thresholds"] {
  const candidates = [...new Set(scores)].sort((a, b) => b - a);
  let medium = 0.5;
  for (const t of candidates) {
    // Scanning from the top, the first threshold that reaches the recall target is the one
    // with the fewest extra positives.
    const figures = binaryFigures(gold, scores.map((s) => s >= t));
    if (figures.recall >= targetRecall) {
      medium = t;
      break;
    }
  }
  const floor = Math.max(medium, HIGH_FLOOR);
  let high = Math.max(floor, 0.9);
  for (const t of [...candidates].reverse()) {
    if (t < floor) continue;
    const figures = binaryFigures(gold, scores.map((s) => s >= t));
    if (figures.precision >= highPrecision && figures.truePositives > 0) {
      high = t;
      break;
    }
  }
  // Stored rounded like the scores, and a hair below the exact value, so that a score equal to
  // the threshold after rounding still reaches it.
  const round = (x: number) => Math.floor(x * 1000) / 1000;
  return { medium: round(medium), high: round(high) };
}
