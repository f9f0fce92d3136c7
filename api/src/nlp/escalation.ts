import type { ClassificationContext, ClassificationEscalation, Label } from "@surgedesk/shared";
import { detectSignals, type EscalationSignalId, type FiredSignal, type TextSignal } from "./escalation-signals.ts";

/**
 * Escalation score = logistic(bias + Σ weight × signal). The text signals' weights are learned
 * from the corpus's escalation labels (train-escalation.ts), constrained non-negative so that a
 * threat can never make a message calmer. The two context signals have no labelled data (the
 * corpus holds single messages), so their weights are set here, in log-odds:
 * - repeat contact: +0.8 per earlier message, up to four;
 * - visibility: +0.7 per tenfold of likes from 100, up to +2.1 (100k likes).
 * The reasons are the fired signals that added to the score, strongest first.
 *
 * Two policies depend on the label, and are applied before scoring (`gateSignals`):
 * - spam is never escalated: bots threaten and shout to get attention, and the fix is removal,
 *   not a senior agent;
 * - in praise and chatter, capitals and "!!!" are excitement ("OBSESSED!!!"), not anger.
 */

export interface EscalationModel {
  bias: number;
  weights: Partial<Record<TextSignal, number>>;
  /** score ≥ medium → level medium; ≥ high → level high. "Escalate" means level ≠ low. */
  thresholds: { medium: number; high: number };
}

export const REPEAT_CONTACT_WEIGHT = 0.8;
export const REPEAT_CONTACT_CAP = 4;
export const VISIBILITY_WEIGHT = 0.7;
export const VISIBILITY_CAP = 2.1;

function contribution(model: EscalationModel, signal: FiredSignal): number {
  switch (signal.id) {
    case "repeat_contact":
      return REPEAT_CONTACT_WEIGHT * Math.min(signal.strength, REPEAT_CONTACT_CAP);
    case "high_visibility":
      return Math.min(VISIBILITY_CAP, VISIBILITY_WEIGHT * (Math.log10(signal.strength) - 1));
    default:
      return model.weights[signal.id] ?? 0;
  }
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function escalationLevel(model: EscalationModel, score: number): ClassificationEscalation["level"] {
  if (score >= model.thresholds.high) return "high";
  if (score >= model.thresholds.medium) return "medium";
  return "low";
}

const EXEMPT_LABELS: ReadonlySet<string> = new Set<Label>(["spam_scam"]);
const EXCITEMENT_LABELS: ReadonlySet<string> = new Set<Label>(["praise", "other"]);
const EXCITEMENT_SIGNALS: ReadonlySet<string> = new Set<EscalationSignalId>(["all_caps", "exclamations"]);

export interface GatedSignals<S extends { id: string }> {
  signals: S[];
  /** `escalation:exempt_spam` or `escalation:excitement` when a policy removed something. */
  rule: string | null;
}

export function gateSignals<S extends { id: string }>(label: string, signals: readonly S[]): GatedSignals<S> {
  if (EXEMPT_LABELS.has(label)) return { signals: [], rule: signals.length > 0 ? "escalation:exempt_spam" : null };
  if (EXCITEMENT_LABELS.has(label)) {
    const kept = signals.filter((s) => !EXCITEMENT_SIGNALS.has(s.id));
    return { signals: kept, rule: kept.length < signals.length ? "escalation:excitement" : null };
  }
  return { signals: [...signals], rule: null };
}

export interface ScoredEscalation extends ClassificationEscalation {
  signals: EscalationSignalId[];
  /** The label policy that removed signals, if any (see `gateSignals`). */
  rule: string | null;
}

/** `textSignals` come from the analyzer; context signals are added here; `label` gates both. */
export function scoreEscalation(
  model: EscalationModel,
  textSignals: readonly FiredSignal[],
  context: ClassificationContext | undefined,
  label: string,
): ScoredEscalation {
  const all: FiredSignal[] = [...textSignals];
  if (context !== undefined) all.push(...detectSignals({ joined: "", masked: "", sentiment: 0, context }));
  const { signals, rule } = gateSignals(label, all);
  let z = model.bias;
  const contributing: { signal: FiredSignal; weight: number }[] = [];
  for (const signal of signals) {
    const weight = contribution(model, signal);
    z += weight;
    if (weight > 0) contributing.push({ signal, weight });
  }
  contributing.sort((a, b) => b.weight - a.weight);
  const score = Math.round(sigmoid(z) * 1000) / 1000;
  return {
    score,
    level: escalationLevel(model, score),
    reasons: contributing.map((c) => c.signal.reason),
    signals: contributing.map((c) => c.signal.id),
    rule,
  };
}
