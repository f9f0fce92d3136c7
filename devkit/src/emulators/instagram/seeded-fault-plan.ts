import { hashString, seededRandom } from "@surgedesk/api/nlp/random.ts";
import { graphFailures } from "./graph-failure.ts";
import type { CallInfo, FaultPlanner } from "./graph-faults.ts";

export interface SeededFaultPlanOptions {
  seed: number;
  /** Share of calls answered with a failure instead, half HTTP 500 and half HTTP 429. */
  failureRate: number;
  /** Share of the other calls that Instagram acts on but whose answer is lost. */
  lostAnswerRate: number;
  /** The 429's Retry-After. */
  retryAfterSec?: number;
  /**
   * A stable name for an emulated id (`comment-17`): ids differ from run to run, so without
   * names the same seed would draw for different keys.
   */
  nameOf?: (id: string) => string;
}

/**
 * A fault plan drawn from a seed, for `world.faults.plan(...)`. Each call's fate is drawn from
 * the seed, what the call is about (method, node, edge, Send API recipient) and how many calls
 * about the same thing came before, never from the order in which concurrent workers happen to
 * make their calls: the same seed fails the same requests the same way, so a failing run can be
 * replayed.
 */
export function seededFaultPlan(options: SeededFaultPlanOptions): FaultPlanner {
  const { seed, failureRate, lostAnswerRate, retryAfterSec = 1, nameOf = (id) => id } = options;
  const seen = new Map<string, number>();
  return (call: CallInfo) => {
    const key = [call.method, nameOf(call.nodeId), call.edge ?? "", call.target === null ? "" : nameOf(call.target)].join(" ");
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    const random = seededRandom(hashString(`${seed}|${key}|${nth}`));
    if (random() < failureRate) return random() < 0.5 ? graphFailures.serverError() : graphFailures.tooManyRequests(retryAfterSec);
    if (random() < lostAnswerRate) return "lose-answer";
    return undefined;
  };
}
