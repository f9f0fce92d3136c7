import type { DetectorParams } from "./detector-params.ts";
import { addCounts, emptyCounts, type MinuteCounts } from "./minute-counts.ts";
import { baselineRate, shareBaseline, type BaselineState } from "./series-baseline.ts";
import type { SeriesEvaluation } from "./surge-tests.ts";

/** A post inside a platform or campaign series: its baseline and its minutes. */
export interface MemberSeries {
  key: string;
  state: BaselineState;
  minutes: ReadonlyMap<number, MinuteCounts>;
}

/**
 * Which post, if any, explains a platform's or campaign's surge. A viral video lifts its own
 * series and, by the same messages, its platform's and its campaigns': one surge, and it should
 * raise one alert, on the post (whose alert names its platform). An aggregate's surge is the
 * post's when that post alone carries at least `params.attribution.share` of the aggregate's
 * excess over its baseline — messages above the expected count for a volume surge, issue
 * messages above the usual share for an issue-share surge — in the window the aggregate's test
 * looked at. When no single post does (many posts rising together, or DMs, which have no post),
 * the surge belongs to the aggregate and it gets its own alert.
 *
 * `currentMinute` is the minute holding the detector's clock; the window runs from
 * `evaluation.windowStartMinute` to it, the current minute counting as far as it has come, as
 * the aggregate's own test counted it.
 */
export function explainingPost(
  evaluation: SeriesEvaluation,
  members: readonly MemberSeries[],
  currentMinute: number,
  params: DetectorParams,
): string | null {
  const n = evaluation.numbers;
  if (n.received <= 0 || n.windowMinutes <= 0) return null;
  const volume = evaluation.triggers.length === 0 || evaluation.triggers.includes("volume");
  const share = evaluation.triggers.includes("issue_share");
  const volumeExcess = n.ratio > 0 ? n.received - n.received / n.ratio : 0;
  const issueExcess = n.issueCount - n.baselineIssueShare * n.received;
  if ((volume && volumeExcess <= 0) || (share && issueExcess <= 0)) return null;

  let best: { key: string; part: number } | null = null;
  for (const member of members) {
    const counts = emptyCounts();
    for (let minute = evaluation.windowStartMinute; minute <= currentMinute; minute++) {
      const m = member.minutes.get(minute);
      if (m) addCounts(counts, m);
    }
    if (counts.received === 0) continue;
    const parts: number[] = [];
    if (volume) parts.push((counts.received - baselineRate(member.state) * n.windowMinutes) / volumeExcess);
    if (share) parts.push((counts.issue - shareBaseline(member.state, params).share * counts.received) / issueExcess);
    // The post must explain every measure that fired: its smallest part is its claim.
    const part = Math.min(...parts);
    if (part >= params.attribution.share && (!best || part > best.part)) best = { key: member.key, part };
  }
  return best?.key ?? null;
}
