import type { DetectorParams } from "./detector-params.ts";
import type { MinuteCounts } from "./minute-counts.ts";
import { emptyCounts } from "./minute-counts.ts";
import { foldEmptyMinutes, foldMinute, newBaseline, type BaselineState } from "./series-baseline.ts";
import { evaluateSeries, type SeriesEvaluation } from "./surge-tests.ts";

export interface SeriesInput {
  state: BaselineState | null;
  /** The last minute folded into `state`. */
  committedThrough: number | null;
  /** The series' minutes with data, by minute index; absent minutes had none. */
  minutes: ReadonlyMap<number, MinuteCounts>;
  clockMs: number;
  /** Warm-up for a new series; by default the parameters'. */
  warmupMinutes?: number;
}

export interface SeriesStep {
  state: BaselineState;
  committedThrough: number;
  evaluation: SeriesEvaluation;
}

/**
 * One detector step for one series at `clockMs`: folds the minutes that are now older than the
 * lateness horizon into the baseline, then tests the rest. Pure, so the detector can be run on a
 * simulated clock and on synthetic counts alike. Null for a series with no data yet.
 */
export function advanceSeries(input: SeriesInput, params: DetectorParams): SeriesStep | null {
  const current = Math.floor(input.clockMs / 60_000);
  const fraction = (input.clockMs - current * 60_000) / 60_000;
  const commitTo = current - 1 - params.latenessMinutes;
  const dataMinutes = [...input.minutes.keys()].sort((a, b) => a - b);

  let state = input.state;
  let committed = input.committedThrough;
  if (!state || committed === null) {
    const born = dataMinutes[0];
    if (born === undefined || born > current) return null;
    state = newBaseline(params, born, input.warmupMinutes);
    committed = born - 1;
  } else {
    state = { ...state, labels: [...state.labels] };
  }

  if (committed < commitTo) {
    let at = committed;
    for (const minute of dataMinutes) {
      if (minute <= committed) continue;
      if (minute > commitTo) break;
      foldEmptyMinutes(state, minute - at - 1, params);
      foldMinute(state, minute, input.minutes.get(minute)!, params);
      at = minute;
    }
    foldEmptyMinutes(state, commitTo - at, params);
    committed = commitTo;
  }

  const firstRecent = committed + 1;
  const recent: MinuteCounts[] = [];
  for (let minute = firstRecent; minute <= current; minute++) recent.push(input.minutes.get(minute) ?? emptyCounts());
  const evaluation = evaluateSeries(state, recent, firstRecent, fraction, params);
  // A firing test, or the loose one, keeps the series hot: an open alert stays open, and the
  // streak's minutes teach the baseline only a little when they are folded in.
  if (evaluation.looseHot || evaluation.triggers.length > 0) markHot(state, evaluation.windowStartMinute, current, params);
  return { state, committedThrough: committed, evaluation };
}

/**
 * Marks a series hot through the minute before `current`: an open alert on it stays open, and the
 * streak's minutes (from `windowStartMinute` for a new streak) teach its baseline only a little.
 */
export function markHot(state: BaselineState, windowStartMinute: number, current: number, params: DetectorParams): void {
  const calm = state.lastHotMinute === null || current - 1 - state.lastHotMinute > params.resolve.calmMinutes;
  if (calm) state.hotFromMinute = Math.min(windowStartMinute, current - 1);
  state.lastHotMinute = Math.max(state.lastHotMinute ?? -Infinity, current - 1);
}
