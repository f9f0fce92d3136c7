import { lt } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { loginThrottles, sessions } from "../db/schema/index.ts";
import { createBackgroundLoop, type BackgroundLoop } from "../lib/background-loop.ts";
import type { Logger } from "../lib/logger.ts";
import { LOGIN_WINDOW_MS } from "./login-rate-limiter.ts";

/** Often enough that the tables stay small; the rows it deletes are refused anyway. */
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Deletes sessions past their expiry and sign-in counts whose window is over. Both are already
 * ignored when read; this keeps a long-running deployment from collecting them forever (every
 * sign-in leaves a session row, every guess a count).
 */
export async function pruneExpiredSignIns(db: Database, now = new Date()): Promise<{ sessions: number; throttles: number }> {
  const expiredSessions = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ tokenHash: sessions.tokenHash });
  const overThrottles = await db
    .delete(loginThrottles)
    .where(lt(loginThrottles.windowStartedAt, new Date(now.getTime() - LOGIN_WINDOW_MS)))
    .returning({ keyHash: loginThrottles.keyHash });
  return { sessions: expiredSessions.length, throttles: overThrottles.length };
}

/** Prunes at start, then every 10 minutes; every replica may run it, the deletes do not clash. */
export function createSignInPruning({ db, logger, intervalMs = PRUNE_EVERY_MS }: { db: Database; logger: Logger; intervalMs?: number }): BackgroundLoop {
  return createBackgroundLoop(
    async () => {
      const pruned = await pruneExpiredSignIns(db);
      if (pruned.sessions + pruned.throttles > 0) logger.debug("expired sign-ins pruned", pruned);
    },
    intervalMs,
    (error) => logger.warn("pruning expired sign-ins failed", { error: error instanceof Error ? error.message : String(error) }),
  );
}
