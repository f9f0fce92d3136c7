export interface ReplayGuardOptions {
  /** How long a signature is remembered: past the timestamp tolerance it is refused as stale anyway. */
  rememberMs: number;
  /** Upper bound on remembered signatures, so a flood cannot grow memory without limit. */
  maxEntries?: number;
}

export interface ReplayGuard {
  /**
   * Claims a signature for one request. False when it was already claimed: the exact same signed
   * request arrived before (a replay). A claim whose request then fails is released, so the
   * platform's retry of a delivery we never stored is not refused.
   */
  claim(signature: string, now: Date): boolean;
  release(signature: string): void;
  readonly size: number;
}

/**
 * An in-memory, bounded set of recently seen signatures. It is per process: with several
 * replicas a replay may reach another one, and it may be forgotten when the set is full; the
 * durable dedupe of messages on (platform, external id) is what keeps those harmless.
 */
export function createReplayGuard({ rememberMs, maxEntries = 50_000 }: ReplayGuardOptions): ReplayGuard {
  // Insertion order is expiry order (every entry lives rememberMs), so the oldest come first.
  const seen = new Map<string, number>();

  function evict(nowMs: number) {
    for (const [signature, expiresAt] of seen) {
      if (expiresAt > nowMs && seen.size < maxEntries) break;
      seen.delete(signature);
    }
  }

  return {
    claim(signature, now) {
      const nowMs = now.getTime();
      evict(nowMs);
      const expiresAt = seen.get(signature);
      if (expiresAt !== undefined && expiresAt > nowMs) return false;
      seen.set(signature, nowMs + rememberMs);
      return true;
    },
    release(signature) {
      seen.delete(signature);
    },
    get size() {
      return seen.size;
    },
  };
}
