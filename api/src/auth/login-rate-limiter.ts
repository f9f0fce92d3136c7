export interface LoginRateLimiter {
  /** Milliseconds to wait before another attempt for this key is allowed; 0 when allowed now. */
  retryAfterMs(key: string, now?: number): number;
  recordFailure(key: string, now?: number): void;
  reset(key: string): void;
}

/**
 * Limits failed sign-ins per key (email and client address): after `maxFailures` within
 * `windowMs`, further attempts are refused until the window ends. In memory, per process:
 * each replica limits on its own, which still bounds guessing to a few attempts a minute.
 */
export function createLoginRateLimiter({ maxFailures = 5, windowMs = 15 * 60_000, maxKeys = 50_000 } = {}): LoginRateLimiter {
  const failures = new Map<string, { count: number; windowStart: number }>();
  const current = (key: string, now: number) => {
    const entry = failures.get(key);
    if (!entry || now - entry.windowStart >= windowMs) return undefined;
    return entry;
  };
  return {
    retryAfterMs(key, now = Date.now()) {
      const entry = current(key, now);
      return entry && entry.count >= maxFailures ? entry.windowStart + windowMs - now : 0;
    },
    recordFailure(key, now = Date.now()) {
      const entry = current(key, now);
      if (entry) entry.count += 1;
      else {
        // Bounded memory under a flood of made-up keys: forget the oldest.
        if (failures.size >= maxKeys) failures.delete(failures.keys().next().value!);
        failures.set(key, { count: 1, windowStart: now });
      }
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
