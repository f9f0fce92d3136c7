import { lt } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { loginThrottles, sessions } from "../db/schema/index.ts";
import { LOGIN_WINDOW_MS } from "./login-rate-limiter.ts";

/**
 * Deletes sessions past their expiry and sign-in counts whose window is over. Both are already
 * ignored when read; this keeps a long-running deployment from collecting them forever (every
 * sign-in leaves a session row, every guess a count). The housekeeping pass runs it.
 */
export async function pruneExpiredSignIns(db: Database, now = new Date()): Promise<{ sessions: number; throttles: number }> {
  const expiredSessions = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ tokenHash: sessions.tokenHash });
  const overThrottles = await db
    .delete(loginThrottles)
    .where(lt(loginThrottles.windowStartedAt, new Date(now.getTime() - LOGIN_WINDOW_MS)))
    .returning({ keyHash: loginThrottles.keyHash });
  return { sessions: expiredSessions.length, throttles: overThrottles.length };
}
