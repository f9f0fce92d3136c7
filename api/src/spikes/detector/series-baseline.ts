import { LABELS } from "@surgedesk/shared";
import type { DetectorParams } from "./detector-params.ts";
import { negativeBinomialUpperTail } from "./distributions.ts";
import type { MinuteCounts } from "./minute-counts.ts";

/**
 * One series' baseline, folded minute by minute (see detector-params.ts for the method). All
 * sums are exponentially weighted with the same decay, so they describe the same recent past.
 */
export interface BaselineState {
  v: 1;
  /** Weighted count of messages, and of minutes, including the prior. */
  a: number;
  b: number;
  /** Weighted sum of dispersion estimates, and its weight. */
  phiSum: number;
  phiWeight: number;
  /** Weighted issue-labelled and total messages, for the share baseline (prior added on read). */
  issue: number;
  messages: number;
  /** Weighted count per label (like `LABELS`), for "which labels drive it". */
  labels: number[];
  /** The minute of the series' first message: it is learned, not judged, during warm-up. */
  bornMinute: number;
  /** Minutes of warm-up for this series (0 for a post: a burst from nothing is a surge). */
  warmupMinutes: number;
  /** The latest complete minute in which a test (or the loose one) fired; null if never. */
  lastHotMinute: number | null;
  /** First minute of the current hot streak: its minutes teach the baseline only a little. */
  hotFromMinute: number | null;
}

const decayOf = (halfLife: number) => 2 ** (-1 / halfLife);
/** z for a one-sided tail of 10^−s, for the few values used, by a rational approximation. */
function zOfSurprise(s: number): number {
  const p = 10 ** -s;
  const t = Math.sqrt(-2 * Math.log(p));
  return t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
}

export function newBaseline(params: DetectorParams, bornMinute: number, warmupMinutes = params.warmupMinutes): BaselineState {
  return {
    v: 1,
    a: params.priorRatePerMinute * params.priorMinutes,
    b: params.priorMinutes,
    phiSum: 0,
    phiWeight: 0,
    issue: 0,
    messages: 0,
    labels: LABELS.map(() => 0),
    bornMinute,
    warmupMinutes,
    lastHotMinute: null,
    hotFromMinute: null,
  };
}

export function baselineRate(state: BaselineState): number {
  return state.a / state.b;
}

export function dispersion(state: BaselineState, params: DetectorParams): number {
  const phi = (state.phiSum + params.priorDispersion * params.priorDispersionMinutes) / (state.phiWeight + params.priorDispersionMinutes);
  return Math.min(params.maxDispersion, Math.max(1, phi));
}

export interface VolumePredictive {
  mean: number;
  /** Negative binomial size of the dispersion-scaled count. */
  size: number;
  phi: number;
}

/**
 * The predictive distribution of the count over `exposure` minutes. Variance φ·m (dispersion)
 * + m²/a (the baseline is itself an estimate from `a` messages) + (cv·m)² (the rate wobbles).
 * Dividing the count by φ gives a negative binomial with mean m/φ and size 1/(1/a + cv²).
 */
export function volumePredictive(state: BaselineState, exposure: number, params: DetectorParams): VolumePredictive {
  const phi = dispersion(state, params);
  return { mean: baselineRate(state) * exposure, size: 1 / (1 / state.a + params.rateCv ** 2), phi };
}

/** P(count ≥ x) under the predictive. */
export function volumeTail(pred: VolumePredictive, count: number): number {
  return negativeBinomialUpperTail(count / pred.phi, pred.mean / pred.phi, pred.size);
}

function volumeVariance(pred: VolumePredictive): number {
  return pred.phi * pred.mean + (pred.phi * pred.mean) ** 2 / (pred.phi * pred.phi * pred.size);
}

export interface ShareBaseline {
  share: number;
  alpha: number;
  beta: number;
}

export function shareBaseline(state: BaselineState, params: DetectorParams): ShareBaseline {
  const weight = state.messages + params.priorShareMessages;
  const share = (state.issue + params.priorIssueShare * params.priorShareMessages) / weight;
  const concentration = Math.min(weight, params.maxShareConcentration);
  return { share, alpha: share * concentration, beta: (1 - share) * concentration };
}

/** Decays every sum over `minutes` empty minutes at once (a quiet post costs nothing to keep). */
export function foldEmptyMinutes(state: BaselineState, minutes: number, params: DetectorParams): void {
  if (minutes <= 0) return;
  const d = decayOf(params.halfLifeMinutes);
  const dg = d ** minutes;
  const priorA = params.priorRatePerMinute * params.priorMinutes;
  // The prior is a floor the sums decay toward, not something that fades.
  state.a = priorA + (state.a - priorA) * dg;
  state.b = params.priorMinutes + (state.b - params.priorMinutes) * dg + (1 - dg) / (1 - d);
  state.issue *= dg;
  state.messages *= dg;
  state.labels = state.labels.map((n) => n * dg);
}

/**
 * Folds one complete minute into the baseline. After warm-up a minute above the predictive's
 * 99.9th percentile is clipped to it (and does not teach the dispersion); a minute inside a hot
 * streak (an alert's) is clipped much harder, its issue share too, so a surge does not become
 * its own baseline at once — yet a lasting new level is learned within a few half-lives.
 */
export function foldMinute(state: BaselineState, minute: number, counts: MinuteCounts, params: DetectorParams): void {
  const d = decayOf(params.halfLifeMinutes);
  const warming = minute - state.bornMinute < state.warmupMinutes;
  const hot = state.hotFromMinute !== null && minute >= state.hotFromMinute && minute <= (state.lastHotMinute ?? -Infinity);
  const z = zOfSurprise(hot ? params.hotClipSurprise : params.clipSurprise);
  const pred = volumePredictive(state, 1, params);
  const clip = pred.mean + z * Math.sqrt(volumeVariance(pred)) + 1;
  const surprising = counts.received > clip;
  const received = warming ? counts.received : Math.min(counts.received, clip);
  const scale = counts.received > 0 ? received / counts.received : 0;

  const share = shareBaseline(state, params);
  let issue = counts.issue * scale;
  if (!warming && received > 0) {
    const n = received;
    const sd = Math.sqrt(n * share.share * (1 - share.share) * (1 + (n - 1) / (share.alpha + share.beta + 1)));
    issue = Math.min(issue, n * share.share + z * sd + (hot ? 0 : 1));
  }

  if (!surprising && !hot) {
    const lambda = Math.max(baselineRate(state), 0.05);
    const expectedExtra = lambda * lambda * (1 / state.a + params.rateCv ** 2);
    const residual = ((counts.received - lambda) ** 2 - expectedExtra) / lambda;
    // Pearson residuals at tiny rates are mostly noise: weigh them by the rate, up to 1.
    const weight = Math.min(1, lambda);
    const dPhi = decayOf(params.dispersionHalfLifeMinutes);
    state.phiSum = state.phiSum * dPhi + weight * Math.min(30, Math.max(0, residual));
    state.phiWeight = state.phiWeight * dPhi + weight;
  }

  const priorA = params.priorRatePerMinute * params.priorMinutes;
  state.a = priorA + (state.a - priorA) * d + received;
  state.b = params.priorMinutes + (state.b - params.priorMinutes) * d + 1;
  state.issue = state.issue * d + issue;
  state.messages = state.messages * d + received;
  state.labels = state.labels.map((n, i) => n * d + (counts.labels[i] ?? 0) * scale);
}
