export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** Injected for tests; Math.random in production. */
  random?: () => number;
}

/**
 * Exponential backoff with full jitter: a random delay in [0, min(max, base·2^attempt)].
 * Jitter keeps many accounts that were throttled together from retrying in lockstep.
 */
export function backoffDelay(attempt: number, { baseMs = 1000, maxMs = 5 * 60_000, random = Math.random }: BackoffOptions = {}) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * random());
}
