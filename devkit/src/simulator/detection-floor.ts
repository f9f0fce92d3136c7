import { seededRandom } from "@surgedesk/api/nlp/random.ts";

/** What the benchmark detector achieved for one step size (see `detectionFloor`). */
export interface DetectionFloor {
  baselinePerMinute: number;
  ratio: number;
  /** In nats, found for the false-alert budget. */
  threshold: number;
  /** Measured minutes between false alarms on one quiet series at that threshold. */
  minutesBetweenFalseAlarms: number;
  medianMinutes: number;
  p90Minutes: number;
  /** Share of surges caught within `withinMinutes`. */
  caughtWithin: number;
  withinMinutes: number;
}

export interface DetectionFloorOptions {
  ratio?: number;
  series?: number;
  falseAlertsPerDay?: number;
  withinMinutes?: number;
  trials?: number;
  seed?: number;
}

/**
 * A benchmark for how fast a 5× step from `baselinePerMinute` can be caught while raising no
 * more than `falseAlertsPerDay` alerts a day over `series` quiet series — what the spike
 * detector's latency is judged against.
 *
 * It is Page's CUSUM for Poisson counts with everything a real detector has to estimate handed
 * to it: the true baseline, the true surge ratio, traffic with no threads or daily rhythm, and a
 * look at every single message. For a step between two known rates CUSUM has the smallest
 * worst-case expected delay at a given false-alarm rate (Lorden 1971, Moustakides 1986): no
 * detector is quicker on average. (That optimality is about the mean; the share caught within
 * two minutes is reported as what this detector achieves, not as a proven limit for every
 * percentile.) Its threshold is found by simulating quiet traffic until the mean time between
 * false alarms per series reaches `series / falseAlertsPerDay` days; then `trials` surges are
 * played from the statistic's resting state (0) and the detection times recorded.
 */
export function detectionFloor(baselinePerMinute: number, options: DetectionFloorOptions = {}): DetectionFloor {
  const { ratio = 5, series = 200, falseAlertsPerDay = 1, withinMinutes = 2, trials = 4000, seed = 1 } = options;
  const random = seededRandom(seed);
  const gap = (rate: number) => -Math.log(1 - random()) / rate;
  const jump = Math.log(ratio);
  const drift = (ratio - 1) * baselinePerMinute;
  const budgetMinutes = (series / falseAlertsPerDay) * 1440;

  /** Minutes between false alarms on quiet traffic at threshold h, over `span` minutes. */
  const meanTimeToFalseAlarm = (h: number, span: number) => {
    let t = 0;
    let s = 0;
    let alarms = 0;
    while (t < span) {
      const g = gap(baselinePerMinute);
      t += g;
      s = Math.max(0, s - drift * g) + jump;
      if (s >= h) {
        alarms += 1;
        s = 0;
      }
    }
    return alarms === 0 ? Infinity : span / alarms;
  };

  // Bisect on h over a span long enough to see ~40 false alarms at the budget.
  const span = budgetMinutes * 40;
  let low = 2;
  let high = 40;
  let measured = Infinity;
  for (let i = 0; i < 10; i++) {
    const mid = (low + high) / 2;
    measured = meanTimeToFalseAlarm(mid, span);
    if (measured < budgetMinutes) low = mid;
    else high = mid;
  }
  const threshold = high;
  measured = meanTimeToFalseAlarm(threshold, span);

  const surged = baselinePerMinute * ratio;
  const delays: number[] = [];
  for (let trial = 0; trial < trials; trial++) {
    let s = 0;
    let t = 0;
    for (;;) {
      const g = gap(surged);
      t += g;
      s = Math.max(0, s - drift * g) + jump;
      if (s >= threshold) break;
    }
    delays.push(t);
  }
  delays.sort((a, b) => a - b);
  return {
    baselinePerMinute,
    ratio,
    threshold,
    minutesBetweenFalseAlarms: measured,
    medianMinutes: delays[Math.floor(trials / 2)]!,
    p90Minutes: delays[Math.floor(trials * 0.9)]!,
    caughtWithin: delays.filter((d) => d <= withinMinutes).length / trials,
    withinMinutes,
  };
}
