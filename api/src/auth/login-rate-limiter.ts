import { createHash } from "node:crypto";
import { eq, lt, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { loginThrottles } from "../db/schema/index.ts";

export interface LoginRateLimiter {
  /**
   * Counts one sign-in attempt for this key before its password is checked, and answers how
   * many milliseconds to wait when the key is over its limit (0: go ahead). One statement, so
   * parallel guesses cannot slip between a read and a write: 25 at once let `maxFailures` through.
   */
  attempt(key: string, now?: Date): Promise<number>;
  /** A successful sign-in forgets the key's count. */
  reset(key: string): Promise<void>;
}

/** How long a count lasts unless a limiter says otherwise; the pruning of old counts goes by it. */
export const LOGIN_WINDOW_MS = 15 * 60_000;

export interface LoginRateLimiterOptions {
  /** Separates limiters sharing the table (per email, per email and client). */
  scope: string;
  /** Attempts allowed per window; the name stays from when only failures were counted. */
  maxFailures?: number;
  windowMs?: number;
}

/**
 * Limits sign-in attempts per key: after `maxFailures` attempts within `windowMs` (a success
 * resets the count), further attempts are refused until the window ends. Counted in the
 * database, so every replica sees the same count: running more processes does not buy an
 * attacker more guesses. Keys are hashed before they are stored. Windows over for a while are
 * deleted as attempts are counted.
 */
export function createLoginRateLimiter(db: Database, { scope, maxFailures = 5, windowMs = LOGIN_WINDOW_MS }: LoginRateLimiterOptions): LoginRateLimiter {
  const hashOf = (key: string) => createHash("sha256").update(`${scope}\u0001${key}`).digest("hex");
  return {
    async attempt(key, now = new Date()) {
      const windowOpenedAfter = new Date(now.getTime() - windowMs).toISOString();
      const [row] = await db
        .insert(loginThrottles)
        .values({ keyHash: hashOf(key), failures: 1, windowStartedAt: now })
        .onConflictDoUpdate({
          target: loginThrottles.keyHash,
          set: {
            failures: sql`case when ${loginThrottles.windowStartedAt} > ${windowOpenedAfter}::timestamptz then ${loginThrottles.failures} + 1 else 1 end`,
            windowStartedAt: sql`case when ${loginThrottles.windowStartedAt} > ${windowOpenedAfter}::timestamptz then ${loginThrottles.windowStartedAt} else excluded.window_started_at end`,
          },
        })
        .returning({ attempts: loginThrottles.failures, windowStartedAt: loginThrottles.windowStartedAt });
      await db.delete(loginThrottles).where(lt(loginThrottles.windowStartedAt, new Date(now.getTime() - 2 * windowMs)));
      if (!row || row.attempts <= maxFailures) return 0;
      return Math.max(1, row.windowStartedAt.getTime() + windowMs - now.getTime());
    },
    async reset(key) {
      await db.delete(loginThrottles).where(eq(loginThrottles.keyHash, hashOf(key)));
    },
  };
}
