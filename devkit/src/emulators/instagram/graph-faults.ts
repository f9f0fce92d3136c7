import { graphFailures, type GraphFailure } from "./graph-failure.ts";

/** What the emulator knows about a call when it decides whether to fail it. */
export interface CallInfo {
  method: string;
  nodeId: string;
  edge: string | null;
  accountId: string;
  /** What a Send API call is addressed to: the comment of a Private Reply, or the person of a DM. */
  target: string | null;
}

/**
 * A failure to answer with, `hang` (no answer until released), or `lose-answer`: Instagram acts
 * on the call, then the connection drops before its answer arrives.
 */
export type FaultResponse = GraphFailure | "hang" | "lose-answer";

/** Decides a call's fault after the rules; see `seededFaultPlan`. */
export type FaultPlanner = (call: CallInfo) => FaultResponse | undefined;

interface FaultRule {
  match: (call: CallInfo) => boolean;
  /** Matching calls to let through before failing. */
  skip: number;
  /** Matching calls to fail; Infinity for all that follow. */
  times: number;
  respond: (call: CallInfo) => FaultResponse;
}

export type ThrottleKind = 4 | 17 | 32 | 613 | 80002 | 429;

const any = () => true;

/**
 * Failure injection for the emulated Graph API: throttling (Graph codes or HTTP 429 with
 * Retry-After), server errors, and calls that hang (a process killed mid-request). Rules apply
 * in the order they were added; each counts only the calls it matches.
 */
export class GraphFaults {
  private rules: FaultRule[] = [];
  private hung: (() => void)[] = [];
  private randomRate = 0;
  private random: () => number = Math.random;
  private planner: FaultPlanner | null = null;

  add(rule: Partial<FaultRule> & Pick<FaultRule, "respond">): this {
    this.rules.push({ match: any, skip: 0, times: 1, ...rule });
    return this;
  }

  /** The next `times` matching calls are throttled, as code `as` (in a 400) or as HTTP 429. */
  throttle(times: number, options: { as?: ThrottleKind; retryAfterSec?: number; match?: FaultRule["match"] } = {}): this {
    const { as = 4, retryAfterSec, match = any } = options;
    const headers: Record<string, string> = retryAfterSec === undefined ? {} : { "retry-after": String(retryAfterSec) };
    return this.add({
      match,
      times,
      respond: () => (as === 429 ? graphFailures.tooManyRequests(retryAfterSec ?? 60) : graphFailures.rateLimited(as, headers)),
    });
  }

  serverErrors(times: number, match: FaultRule["match"] = any): this {
    return this.add({ match, times, respond: () => graphFailures.serverError() });
  }

  /** Fails each call with a 500 at this rate, e.g. 0.1 for one call in ten. */
  randomServerErrors(rate: number, random: () => number = Math.random): this {
    this.randomRate = rate;
    this.random = random;
    return this;
  }

  /** Asks `planner` about every call no rule answered (one planner at a time). */
  plan(planner: FaultPlanner): this {
    this.planner = planner;
    return this;
  }

  /** Matching calls after the first `after` never answer, until `releaseHung()`. */
  hang(options: { after?: number; times?: number; match?: FaultRule["match"] } = {}): this {
    return this.add({ match: options.match ?? any, skip: options.after ?? 0, times: options.times ?? Infinity, respond: () => "hang" });
  }

  /** Lets hung calls end, as a dropped connection. */
  releaseHung(): void {
    for (const release of this.hung.splice(0)) release();
  }

  /** Waits until released; used by the handlers for a "hang" fault. */
  waitUntilReleased(): Promise<void> {
    return new Promise((resolve) => this.hung.push(resolve));
  }

  get hungCount(): number {
    return this.hung.length;
  }

  /** Drops every rule; calls already hung stay hung until `releaseHung()`. */
  clear(): void {
    this.rules = [];
    this.randomRate = 0;
    this.planner = null;
  }

  /** The fault for this call, if any; consumes one use of the rule that answers. */
  take(call: CallInfo): FaultResponse | undefined {
    for (const rule of this.rules) {
      if (rule.times <= 0 || !rule.match(call)) continue;
      if (rule.skip > 0) {
        rule.skip -= 1;
        continue;
      }
      rule.times -= 1;
      return rule.respond(call);
    }
    if (this.randomRate > 0 && this.random() < this.randomRate) return graphFailures.serverError();
    return this.planner?.(call);
  }
}
