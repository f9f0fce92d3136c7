import type { Database } from "../db/client.ts";
import { createBackgroundLoop, type BackgroundLoop } from "../lib/background-loop.ts";
import type { Logger } from "../lib/logger.ts";
import { pruneExpiredSignIns } from "../auth/sign-in-pruning.ts";
import { pruneReplayClaims } from "../ingest/prune-replay-claims.ts";
import { pruneRawEvents } from "../ingest/prune-raw-events.ts";
import { pruneCallBudgets } from "../sync/call-budget.ts";
import { pruneOrderChecks } from "../orders/checks/enqueue-order-checks.ts";
import { describeError } from "../lib/safe-error.ts";
import { pruneOAuthStates } from "../accounts/oauth/oauth-state.ts";
import { compactAllQueueTallies } from "../queues/compact-queue-tallies.ts";

export interface HousekeepingWorker extends Pick<BackgroundLoop, "start" | "stop"> {
  /** One pass: what each step removed. */
  runOnce(): Promise<{ replayClaims: number; rawEvents: number; sessions: number; throttles: number; callBudgets: number; oauthStates: number; queueTallyDeltas: number; vacuumed: boolean }>;
}

/**
 * The one periodic clean-up: expired webhook replay claims, processed raw events past their
 * retention, expired sessions, finished sign-in counts, past minutes of platform call budgets and OAuth states past their use,
 * and folds the queue tallies' deltas in (queues/compact-queue-tallies.ts); every few hours, the
 * database's own vacuum (the embedded database has no autovacuum).
 * Every process runs it, and the steps
 * tolerate that (each is a plain delete of rows nobody reads any more).
 */
export function createHousekeepingWorker({
  db,
  logger,
  rawEventRetentionDays,
  intervalMs = 60_000,
  vacuum,
  vacuumEveryMs = 6 * 3_600_000,
}: {
  db: Database;
  logger: Logger;
  /** RAW_EVENT_RETENTION_DAYS: processed raw events older than this are deleted. */
  rawEventRetentionDays: number;
  intervalMs?: number;
  /** The database's own vacuum (`DatabaseHandle.vacuum`: the embedded database has no autovacuum). */
  vacuum?: () => Promise<void>;
  vacuumEveryMs?: number;
}): HousekeepingWorker {
  let lastVacuum = Date.now();
  async function runOnce() {
    const replayClaims = await pruneReplayClaims(db);
    if (replayClaims > 0) logger.debug("pruned expired webhook replay claims", { replayClaims });
    const rawEvents = await pruneRawEvents(db, { retentionDays: rawEventRetentionDays });
    if (rawEvents > 0) logger.info("pruned processed raw events past their retention", { rawEvents, retentionDays: rawEventRetentionDays });
    const signIns = await pruneExpiredSignIns(db);
    if (signIns.sessions + signIns.throttles > 0) logger.debug("expired sign-ins pruned", signIns);
    const callBudgets = await pruneCallBudgets(db, new Date());
    const oauthStates = await pruneOAuthStates(db, new Date());
    const queueTallyDeltas = await compactAllQueueTallies(db, new Date());
    const orderChecks = await pruneOrderChecks(db, new Date());
    // After the deletes above, so their rows are the ones reclaimed.
    const vacuumed = vacuum !== undefined && Date.now() - lastVacuum >= vacuumEveryMs;
    if (vacuumed) {
      const started = Date.now();
      await vacuum();
      lastVacuum = Date.now();
      logger.info("database vacuumed", { ms: lastVacuum - started });
    }
    return { replayClaims, rawEvents, ...signIns, callBudgets, oauthStates, queueTallyDeltas, orderChecks, vacuumed };
  }
  const loop = createBackgroundLoop(runOnce, intervalMs, (error) =>
    logger.warn("housekeeping pass failed", { error: describeError(error) }),
  );
  return { runOnce, start: () => loop.start(), stop: () => loop.stop() };
}
