import { backoffDelay, type BackoffOptions } from "../lib/backoff.ts";
import { PlatformApiError } from "../connectors/contract.ts";

export type RetryDecision =
  | { action: "retry"; delayMs: number; mayHaveArrived: boolean; error: string }
  | { action: "fail"; error: string; mayHaveArrived: boolean };

/**
 * What a failed attempt means for the row. Throttling (429, Graph's rate codes, TikTok 40100)
 * waits at least as long as the platform asked and never reached the platform's write path;
 * a 5xx or a lost connection may have, so the next attempt checks first. Refusals and expired
 * tokens do not get better by retrying: the row fails and the console shows why.
 */
export function retryDecision(error: unknown, attempts: number, maxAttempts: number, backoff: BackoffOptions): RetryDecision {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  const platform = error instanceof PlatformApiError ? error : null;
  if (platform?.kind === "rejected") return { action: "fail", error: message, mayHaveArrived: false };
  if (platform?.kind === "token_expired") {
    return { action: "fail", error: `${message} — reconnect the account, then retry the send.`, mayHaveArrived: false };
  }
  const mayHaveArrived = platform?.kind !== "rate_limited";
  if (attempts >= maxAttempts) return { action: "fail", error: `Gave up after ${attempts} attempts: ${message}`, mayHaveArrived };
  const delayMs = Math.max(platform?.retryAfterMs ?? 0, backoffDelay(attempts - 1, backoff));
  return { action: "retry", delayMs, mayHaveArrived, error: message };
}
