import { backoffDelay, type BackoffOptions } from "../lib/backoff.ts";
import { PlatformApiError } from "../connectors/contract.ts";

export type RetryDecision =
  | { action: "retry"; delayMs: number; mayHaveArrived: boolean; error: string; failedSends: number }
  | { action: "fail"; error: string; mayHaveArrived: boolean; failedSends: number };

/** What the row has been through, this attempt included. */
export interface AttemptCount {
  /** Claims so far: the backoff grows with them. */
  attempts: number;
  /** Earlier attempts that failed at sending, or may have. */
  failedSends: number;
  /** Whether this attempt got as far as sending; a check on the platform that failed sent nothing. */
  reachedSend: boolean;
}

/**
 * However they fail, a row is not claimed more often than this many times its failed-send
 * budget: a platform that throttles or cannot be read for that long needs a person.
 */
export const ATTEMPTS_PER_FAILED_SEND = 2;

/**
 * What a failed attempt means for the row. Throttling (429, Graph's rate codes, TikTok 40100)
 * waits at least as long as the platform asked and never reached the platform's write path;
 * a 5xx or a lost connection may have, so the next attempt checks first. Refusals and expired
 * tokens do not get better by retrying: the row fails and the console shows why.
 *
 * Giving up counts failed sends, not attempts: a throttled call and a check on the platform that
 * could not be made sent nothing, and under a flaky platform a row that must check before each
 * send would otherwise spend its budget twice as fast as one that need not.
 */
export function retryDecision(error: unknown, count: AttemptCount, maxFailedSends: number, backoff: BackoffOptions): RetryDecision {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  const platform = error instanceof PlatformApiError ? error : null;
  if (platform?.kind === "rejected") return { action: "fail", error: message, mayHaveArrived: false, failedSends: count.failedSends };
  if (platform?.kind === "token_expired") {
    return { action: "fail", error: `${message} — reconnect the account, then retry the send.`, mayHaveArrived: false, failedSends: count.failedSends };
  }
  const throttled = platform?.kind === "rate_limited";
  const mayHaveArrived = count.reachedSend && !throttled;
  const failedSends = count.failedSends + (mayHaveArrived ? 1 : 0);
  if (failedSends >= maxFailedSends || count.attempts >= maxFailedSends * ATTEMPTS_PER_FAILED_SEND) {
    return { action: "fail", error: `Gave up after ${count.attempts} attempts: ${message}`, mayHaveArrived, failedSends };
  }
  const delayMs = Math.max(platform?.retryAfterMs ?? 0, backoffDelay(count.attempts - 1, backoff));
  return { action: "retry", delayMs, mayHaveArrived, error: message, failedSends };
}
