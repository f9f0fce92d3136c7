import { describe, expect, it } from "vitest";
import { advanceSeries } from "./advance-series.ts";
import { DEFAULT_DETECTOR_PARAMS, type DetectorParams } from "./detector-params.ts";
import { emptyCounts, type MinuteCounts } from "./minute-counts.ts";

/** Only the likelihood-ratio scan can fire: the fixed windows' surprise test is switched off. */
const scanOnly: DetectorParams = { ...DEFAULT_DETECTOR_PARAMS, volume: { ...DEFAULT_DETECTOR_PARAMS.volume, surprise: Infinity } };
const MINUTE = 60_000;

/** Two hours at 1, 2, 3 a minute in turn (2 a minute, no more variable than Poisson), then `then`. */
function series(then: number[]): Map<number, MinuteCounts> {
  const minutes = new Map<number, MinuteCounts>();
  const counts = [...Array.from({ length: 120 }, (_, i) => 1 + (i % 3)), ...then];
  counts.forEach((received, minute) => minutes.set(minute, { ...emptyCounts(), received }));
  return minutes;
}

/** The triggers at the end of each minute of `then`. */
function triggersByMinute(then: number[], params: DetectorParams): string[][] {
  const minutes = series(then);
  const out: string[][] = [];
  let state = null;
  let committed = null;
  for (let clock = 30 * MINUTE; clock <= (120 + then.length) * MINUTE; clock += 15_000) {
    const visible = new Map([...minutes].filter(([m]) => m * MINUTE < clock));
    const step = advanceSeries({ state, committedThrough: committed, minutes: visible, clockMs: clock, warmupMinutes: 0 }, params);
    if (!step) continue;
    state = step.state;
    committed = step.committedThrough;
    if (clock > 120 * MINUTE && clock % MINUTE === 0) out.push(step.evaluation.triggers);
  }
  return out;
}

const windowsOnly: DetectorParams = { ...DEFAULT_DETECTOR_PARAMS, scan: { ...DEFAULT_DETECTOR_PARAMS.scan, threshold: Infinity } };

describe("likelihood-ratio scan (CUSUM over the recent minutes)", () => {
  it("catches a step to ~4× a 2/min series a minute before any fixed window is surprising enough", () => {
    // 8, 9, 9 where ~2 a minute were expected: 26 in 3 minutes is a surprise of ~5.4 (< 6) for
    // the 2- and 5-minute windows; the scan's 26 · ln 5 − 4 · ~6 ≈ 18 nats is past 13.
    expect(triggersByMinute([8, 9, 9, 9], windowsOnly)).toEqual([[], [], [], ["volume"]]);
    expect(triggersByMinute([8, 9, 9, 9], scanOnly)).toEqual([[], [], ["volume"], ["volume"]]);
    expect(triggersByMinute([8, 9, 9, 9], DEFAULT_DETECTOR_PARAMS)).toEqual([[], [], ["volume"], ["volume"]]);
  });

  it("stays quiet on a doubling or tripling: the evidence it weighs is for a 5× step", () => {
    expect(triggersByMinute([4, 4, 5, 4, 4], scanOnly).flat()).toEqual([]);
    expect(triggersByMinute([6, 6, 6, 6], scanOnly).flat()).toEqual([]);
  });
});
