import { LABELS, type LabelCount, type SpikeNumbers, type SpikeSeverity, type SpikeTrigger } from "@surgedesk/shared";
import type { DetectorParams } from "./detector-params.ts";
import { betaBinomialUpperTail, surprise } from "./distributions.ts";
import { addCounts, emptyCounts, type MinuteCounts } from "./minute-counts.ts";
import { baselineRate, shareBaseline, volumePredictive, volumeTail, type BaselineState } from "./series-baseline.ts";

/** One tested window: the partial current minute plus `trailing` complete minutes before it. */
export interface WindowTest {
  trailing: number;
  startMinute: number;
  exposure: number;
  counts: MinuteCounts;
  expected: number;
  volumeSurprise: number;
  /** Log-likelihood ratio of "the rate is `scan.ratio`× the baseline" against "it is the baseline". */
  volumeEvidence: number;
  ratio: number;
  volumeFires: boolean;
  baselineShare: number;
  shareSurprise: number;
  shareFires: boolean;
}

export interface SeriesEvaluation {
  triggers: SpikeTrigger[];
  severity: SpikeSeverity;
  /** The most surprising firing window, or the widest window when none fires. */
  numbers: SpikeNumbers;
  /** Minute index where the reported window starts. */
  windowStartMinute: number;
  /** Whether the last complete minutes were hot by the loose (hysteresis) test. */
  looseHot: boolean;
}

/**
 * Tests the minutes not yet in the baseline. `recent[i]` is minute `firstMinute + i`; the last
 * entry is the current minute, of which `fraction` has passed (0..1).
 */
export function evaluateSeries(
  state: BaselineState,
  recent: readonly MinuteCounts[],
  firstMinute: number,
  fraction: number,
  params: DetectorParams,
): SeriesEvaluation {
  const current = firstMinute + recent.length - 1;
  const partialOk = fraction >= params.minPartialFraction;
  // Judged only once enough of the series' own minutes are in its baseline.
  const warming = firstMinute - state.bornMinute < state.warmupMinutes;
  const share = shareBaseline(state, params);
  const rate = baselineRate(state);

  const test = (trailing: number, partial: boolean): WindowTest | null => {
    const last = partial ? recent.length - 1 : recent.length - 2;
    const from = last - trailing;
    if (from < 0 || last < 0) return null;
    const counts = emptyCounts();
    for (let i = from; i <= last; i++) addCounts(counts, recent[i]!);
    const exposure = trailing + (partial ? fraction : 1);
    const pred = volumePredictive(state, exposure, params);
    const volumeSurprise = surprise(volumeTail(pred, counts.received));
    const ratio = counts.received / Math.max(pred.mean, 1e-9);
    // The scan takes the baseline as known: only once it rests on enough messages. A young
    // series (a new post) is judged by the surprise test, which allows for its uncertainty.
    const volumeEvidence = state.a >= params.scan.minBaselineMessages ? surgeEvidence(counts.received, pred.mean, pred.phi, params.scan.ratio) : 0;
    const v = params.volume;
    const tested = params.volumeWindows.includes(trailing) && (trailing > 0 || partialOk);
    const volumeFires =
      !warming &&
      ((tested && volumeSurprise >= v.surprise) || volumeEvidence >= params.scan.threshold) &&
      counts.received >= v.minCount &&
      counts.received / exposure >= v.minRatePerMinute &&
      ratio >= v.minRatio;
    const shareSurprise = counts.received > 0 ? surprise(betaBinomialUpperTail(counts.issue, counts.received, share.alpha, share.beta)) : 0;
    const lift = counts.received > 0 ? counts.issue / counts.received - share.share : 0;
    const s = params.share;
    const shareFires =
      !warming &&
      shareSurprise >= s.surprise &&
      counts.received >= s.minMessages &&
      counts.issue >= s.minIssues &&
      lift >= s.minLift;
    return {
      trailing,
      startMinute: firstMinute + from,
      exposure,
      counts,
      expected: pred.mean,
      volumeSurprise,
      volumeEvidence,
      ratio,
      volumeFires,
      baselineShare: share.share,
      shareSurprise,
      shareFires,
    };
  };

  // Every window ending now, from the partial minute alone to all the recent minutes: the
  // fixed windows' surprise test runs on its own widths, the scan on all of them.
  const volumeTests = recent
    .map((_, trailing) => test(trailing, true))
    .filter((w): w is WindowTest => w !== null && (w.trailing > 0 || partialOk));
  const shareTests = params.shareWindows.map((t) => test(t, true)).filter((w): w is WindowTest => w !== null);
  const firing = [...volumeTests.filter((w) => w.volumeFires), ...shareTests.filter((w) => w.shareFires)];
  const triggers: SpikeTrigger[] = [];
  if (volumeTests.some((w) => w.volumeFires)) triggers.push("volume");
  if (shareTests.some((w) => w.shareFires)) triggers.push("issue_share");

  const best =
    firing.sort((x, y) => Math.max(y.volumeFires ? y.volumeSurprise : 0, y.shareFires ? y.shareSurprise : 0) - Math.max(x.volumeFires ? x.volumeSurprise : 0, x.shareFires ? x.shareSurprise : 0))[0] ??
    [...volumeTests, ...shareTests].sort((x, y) => y.exposure - x.exposure)[0] ??
    null;

  // Hysteresis: the two last complete minutes, judged loosely, keep an open alert alive.
  const loose = test(1, false);
  const r = params.resolve;
  const looseHot =
    loose !== null &&
    ((loose.volumeSurprise >= r.looseSurprise && loose.ratio >= r.looseRatio && loose.counts.received >= params.volume.minCount / 2) ||
      (loose.shareSurprise >= r.looseSurprise &&
        loose.counts.received > 0 &&
        loose.counts.issue / loose.counts.received - loose.baselineShare >= r.looseLift &&
        loose.counts.issue >= params.share.minIssues / 2));

  const e = params.escalate;
  const critical =
    triggers.length === 2 ||
    firing.some((w) => w.volumeFires && w.ratio >= e.ratio && w.counts.received / w.exposure >= e.minRatePerMinute) ||
    (triggers.length > 0 && (best?.counts.escalationHigh ?? 0) >= e.highEscalations);

  return {
    triggers,
    severity: critical ? "critical" : "warning",
    numbers: best ? numbersOf(best, state, rate) : emptyNumbers(rate, share.share),
    windowStartMinute: best?.startMinute ?? current,
    looseHot,
  };
}

/**
 * The scan's evidence for a surge in a window: the log-likelihood ratio of a Poisson rate
 * `ratio`× the baseline against the baseline itself, on dispersion-scaled counts (a thread's
 * burst of replies is worth less than as many independent comments). Taking the largest over
 * the windows ending now is the CUSUM statistic over the recent minutes — the quickest test for
 * a step to that ratio at a given false-alarm rate (Page's CUSUM; Lucas 1985 for counts).
 */
function surgeEvidence(count: number, expected: number, phi: number, ratio: number): number {
  return (count * Math.log(ratio) - (ratio - 1) * expected) / phi;
}

/** Labels most above what the baseline's label mix expected in the window, at most three. */
function drivingLabels(window: WindowTest, state: BaselineState): LabelCount[] {
  const totalWeight = state.labels.reduce((n, c) => n + c, 0);
  const rows = LABELS.map((label, i) => {
    const count = window.counts.labels[i] ?? 0;
    const mix = totalWeight > 0 ? (state.labels[i] ?? 0) / totalWeight : 1 / LABELS.length;
    return { label, count, expected: round(window.expected * mix) };
  });
  const driving = rows.filter((r) => r.count >= 2 && r.count > 1.5 * r.expected).sort((x, y) => y.count - y.expected - (x.count - x.expected));
  return (driving.length > 0 ? driving : rows.filter((r) => r.count > 0).sort((x, y) => y.count - x.count)).slice(0, 3);
}

function numbersOf(window: WindowTest, state: BaselineState, rate: number): SpikeNumbers {
  const n = window.counts.received;
  return {
    windowMinutes: round(window.exposure),
    received: n,
    ratePerMinute: round(n / window.exposure),
    baselinePerMinute: round(rate),
    ratio: round(window.ratio),
    surprise: round(window.volumeSurprise),
    issueCount: window.counts.issue,
    issueShare: n > 0 ? round(window.counts.issue / n) : 0,
    baselineIssueShare: round(window.baselineShare),
    shareSurprise: round(window.shareSurprise),
    negativeShare: n > 0 ? round(window.counts.negative / n) : 0,
    escalationsHigh: window.counts.escalationHigh,
    escalationsMedium: window.counts.escalationMedium,
    labels: drivingLabels(window, state),
  };
}

function emptyNumbers(rate: number, share: number): SpikeNumbers {
  return {
    windowMinutes: 0,
    received: 0,
    ratePerMinute: 0,
    baselinePerMinute: round(rate),
    ratio: 0,
    surprise: 0,
    issueCount: 0,
    issueShare: 0,
    baselineIssueShare: round(share),
    shareSurprise: 0,
    negativeShare: 0,
    escalationsHigh: 0,
    escalationsMedium: 0,
    labels: [],
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
