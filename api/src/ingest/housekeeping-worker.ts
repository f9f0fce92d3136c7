import type { Database } from "../db/client.ts";
import { createBackgroundLoop, type BackgroundLoop } from "../lib/background-loop.ts";
import type { Logger } from "../lib/logger.ts";
import { pruneReplayClaims } from "./prune-replay-claims.ts";
import { pruneRawEvents } from "./prune-raw-events.ts";
import { describeError } from "../lib/safe-error.ts";

export interface HousekeepingWorker extends Pick<BackgroundLoop, "start" | "stop"> {
  /** One pass: what each step removed. */
  runOnce(): Promise<{ replayClaims: number; rawEvents: number }>;
}

/** Periodic clean-up of ingest's tables; every process runs it, and the steps tolerate that. */
export function createHousekeepingWorker({
  db,
  logger,
  rawEventRetentionDays,
  intervalMs = 60_000,
}: {
  db: Database;
  logger: Logger;
  /** RAW_EVENT_RETENTION_DAYS: processed raw events older than this are deleted. */
  rawEventRetentionDays: number;
  intervalMs?: number;
}): HousekeepingWorker {
  async function runOnce() {
    const replayClaims = await pruneReplayClaims(db);
    if (replayClaims > 0) logger.debug("pruned expired webhook replay claims", { replayClaims });
    const rawEvents = await pruneRawEvents(db, { retentionDays: rawEventRetentionDays });
    if (rawEvents > 0) logger.info("pruned processed raw events past their retention", { rawEvents, retentionDays: rawEventRetentionDays });
    return { replayClaims, rawEvents };
  }
  const loop = createBackgroundLoop(runOnce, intervalMs, (error) =>
    logger.warn("housekeeping pass failed", { error: describeError(error) }),
  );
  return { runOnce, start: () => loop.start(), stop: () => loop.stop() };
}
