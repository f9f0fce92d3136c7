import type { Database } from "../db/client.ts";
import { createBackgroundLoop, type BackgroundLoop } from "../lib/background-loop.ts";
import type { Logger } from "../lib/logger.ts";
import { pruneReplayClaims } from "./prune-replay-claims.ts";

export interface HousekeepingWorker extends Pick<BackgroundLoop, "start" | "stop"> {
  /** One pass: what each step removed. */
  runOnce(): Promise<{ replayClaims: number }>;
}

/** Periodic clean-up of ingest's tables; every process runs it, and the steps tolerate that. */
export function createHousekeepingWorker({
  db,
  logger,
  intervalMs = 60_000,
}: {
  db: Database;
  logger: Logger;
  intervalMs?: number;
}): HousekeepingWorker {
  async function runOnce() {
    const replayClaims = await pruneReplayClaims(db);
    if (replayClaims > 0) logger.debug("pruned expired webhook replay claims", { replayClaims });
    return { replayClaims };
  }
  const loop = createBackgroundLoop(runOnce, intervalMs, (error) =>
    logger.warn("housekeeping pass failed", { error: error instanceof Error ? error.name : "error" }),
  );
  return { runOnce, start: () => loop.start(), stop: () => loop.stop() };
}
