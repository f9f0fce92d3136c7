import { createHash } from "node:crypto";
import { eq, lt, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { loginThrottles } from "../db/schema/index.ts";

export interface LoginRateLimiter {
  /** Milliseconds to wait before another attempt for this key is allowed; 0 when allowed now. */
  retryAfterMs(key: string, now?: Date): Promise<number>;
  recordFailure(key: string, now?: Date): Promise<void>;
  reset(key: string): Promise<void>;
}

export interface LoginRateLimiterOptions {
  /** Separates limiters sharing the table (per email, per email and client). */
  scope: string;
  maxFailures?: number;
  windowMs?: number;
}

/**
 * Limits failed sign-ins per key: after `maxFailures` within `windowMs`, further attempts are
 * refused until the window ends. Counted in the database, so every replica sees the same count:
 * running more processes does not buy an attacker more guesses. Keys are hashed before they are
 * stored. Windows over for a while are deleted as failures are recorded.
 */
export function createLoginRateLimiter(db: Database, { scope, maxFailures = 5, windowMs = 15 * 60_000 }: LoginRateLimiterOptions): LoginRateLimiter {
  const hashOf = (key: string) => createHash("sha256").update(`${scope}\u0001${key}`).digest("hex");
  return {
    async retryAfterMs(key, now = new Date()) {
      const [row] = await db.select().from(loginThrottles).where(eq(loginThrottles.keyHash, hashOf(key)));
      if (!row || row.failures < maxFailures) return 0;
      return Math.max(0, row.windowStartedAt.getTime() + windowMs - now.getTime());
    },
    async recordFailure(key, now = new Date()) {
      const windowOpenedAfter = new Date(now.getTime() - windowMs).toISOString();
      // One statement: concurrent failures on two replicas both count.
      await db
        .insert(loginThrottles)
        .values({ keyHash: hashOf(key), failures: 1, windowStartedAt: now })
        .onConflictDoUpdate({
          target: loginThrottles.keyHash,
          set: {
            failures: sql`case when ${loginThrottles.windowStartedAt} > ${windowOpenedAfter}::timestamptz then ${loginThrottles.failures} + 1 else 1 end`,
            windowStartedAt: sql`case when ${loginThrottles.windowStartedAt} > ${windowOpenedAfter}::timestamptz then ${loginThrottles.windowStartedAt} else excluded.window_started_at end`,
          },
        });
      await db.delete(loginThrottles).where(lt(loginThrottles.windowStartedAt, new Date(now.getTime() - 2 * windowMs)));
    },
    async reset(key) {
      await db.delete(loginThrottles).where(eq(loginThrottles.keyHash, hashOf(key)));
    },
  };
}
