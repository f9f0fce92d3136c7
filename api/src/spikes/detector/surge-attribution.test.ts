import { describe, expect, it } from "vitest";
import type { SpikeNumbers } from "@surgedesk/shared";
import { DEFAULT_DETECTOR_PARAMS as params } from "./detector-params.ts";
import { emptyCounts, type MinuteCounts } from "./minute-counts.ts";
import { newBaseline } from "./series-baseline.ts";
import { explainingPost, type MemberSeries } from "./surge-attribution.ts";
import type { SeriesEvaluation } from "./surge-tests.ts";

const NOW = 1000;

/** A post whose baseline is `perMinute` and that received `counts[i]` in minute NOW − 2 + i. */
function post(key: string, perMinute: number, counts: number[], issues: number[] = counts.map(() => 0)): MemberSeries {
  const state = { ...newBaseline(params, 0, 0), a: perMinute * 60, b: 60, issue: 0.2 * perMinute * 60, messages: perMinute * 60 };
  const minutes = new Map<number, MinuteCounts>(counts.map((n, i) => [NOW - 2 + i, { ...emptyCounts(), received: n, issue: issues[i]! }]));
  return { key, state, minutes };
}

/** A platform's evaluation over minutes NOW − 2 … NOW (2.5 minutes of exposure). */
function platform(received: number, expected: number, triggers: SeriesEvaluation["triggers"] = ["volume"], issueCount = 0): SeriesEvaluation {
  const numbers = { windowMinutes: 2.5, received, ratio: received / expected, issueCount, baselineIssueShare: 0.2 } as SpikeNumbers;
  return { triggers, severity: "warning", numbers, windowStartMinute: NOW - 2, looseHot: true };
}

describe("one alert per surge: which post explains an aggregate's surge", () => {
  it("gives a platform's surge to the post that carries most of its excess", () => {
    // The platform expected 10 in the window and got 60; the viral reel alone got 52 over its usual 5.
    const viral = post("post:viral", 2, [17, 18, 17]);
    const calm = post("post:calm", 1, [2, 3, 3]);
    expect(explainingPost(platform(60, 10), [viral, calm], NOW, params)).toBe("post:viral");
  });

  it("keeps the platform's own alert when no single post explains it", () => {
    // Four posts each rising a little: together a surge, none of them most of it.
    const posts = ["a", "b", "c", "d"].map((k) => post(`post:${k}`, 1, [5, 5, 5]));
    expect(explainingPost(platform(60, 10), posts, NOW, params)).toBeNull();
    // DMs have no post: a surge of them is nobody's but the platform's.
    expect(explainingPost(platform(60, 10), [], NOW, params)).toBeNull();
  });

  it("needs the post to explain every measure that fired", () => {
    // Volume from the viral post, but the issue share rose on another one.
    const viral = post("post:viral", 2, [17, 18, 17], [1, 1, 1]);
    const promo = post("post:promo", 1, [3, 3, 2], [3, 3, 2]);
    const evaluation = platform(60, 10, ["volume", "issue_share"], 20);
    expect(explainingPost(evaluation, [viral, promo], NOW, params)).toBeNull();
    expect(explainingPost(platform(60, 10, ["issue_share"], 20), [viral, promo], NOW, params)).toBe("post:promo");
  });
});
