import { describe, expect, it } from "vitest";
import { advanceSeries } from "./advance-series.ts";
import { DEFAULT_DETECTOR_PARAMS, type DetectorParams } from "./detector-params.ts";
import { emptyCounts, type MinuteCounts } from "./minute-counts.ts";

/** Only the likelihood-ratio scan can fire: the fixed windows' surprise test is switched off. */
const scanOnly: DetectorParams = { ...DEFAULT_DETECTOR_PARAMS, volume: { ...DEFAULT_DETECTOR_PARAMS.volume, surprise: Infinity } };
const MINUTE = 60_000;

/** Two hours at 1, 2, 3 a minute in turn: 2 a minute, no more variable than Poisson. */
const TWO_HOURS_AT_TWO = Array.from({ length: 120 }, (_, i) => 1 + (i % 3));

/** The triggers at the end of each minute of `then`, after `history`. */
function triggersByMinute(then: number[], params: DetectorParams, history = TWO_HOURS_AT_TWO): string[][] {
  const minutes = new Map<number, MinuteCounts>();
  [...history, ...then].forEach((received, minute) => minutes.set(minute, { ...emptyCounts(), received }));
  const out: string[][] = [];
  let state = null;
  let committed = null;
  for (let clock = 15_000; clock <= (history.length + then.length) * MINUTE; clock += 15_000) {
    const visible = new Map([...minutes].filter(([m]) => m * MINUTE < clock));
    const step = advanceSeries({ state, committedThrough: committed, minutes: visible, clockMs: clock, warmupMinutes: 0 }, params);
    if (!step) continue;
    state = step.state;
    committed = step.committedThrough;
    if (clock > history.length * MINUTE && clock % MINUTE === 0) out.push(step.evaluation.triggers);
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

  it("leaves a new post's first burst to the surprise test: it knows nothing yet of its usual rate", () => {
    // From nothing to 6 a minute: against the 0.2/min prior the scan would call it 30×.
    expect(triggersByMinute([6, 7, 6, 6], scanOnly, []).flat()).toEqual([]);
    // (Without the wait for a baseline, it fires.)
    expect(triggersByMinute([6, 7, 6, 6], { ...scanOnly, scan: { ...scanOnly.scan, minBaselineMessages: 0 } }, []).flat()).toContain("volume");
    expect(triggersByMinute([6, 7, 6, 6], windowsOnly, []).flat()).toEqual([]);
  });

  it("stays quiet on a doubling or tripling: the evidence it weighs is for a 5× step", () => {
    expect(triggersByMinute([4, 4, 5, 4, 4], scanOnly).flat()).toEqual([]);
    expect(triggersByMinute([6, 6, 6, 6], scanOnly).flat()).toEqual([]);
  });
});
