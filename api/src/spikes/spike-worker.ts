import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { createBackgroundLoop } from "../lib/background-loop.ts";
import type { Logger } from "../lib/logger.ts";
import type { OutboundFetch } from "../outbound/outbound-fetch.ts";
import { createAlertWebhookSender } from "./alert-webhook/alert-webhook-sender.ts";
import { createSpikeDetector, type SpikeDetector } from "./detector/spike-detector.ts";
import { pruneSpikeMetrics } from "./metrics/prune-spike-metrics.ts";
import { databaseMacroCatalog, type MacroCatalog } from "./readiness/macro-catalog.ts";
import { describeError } from "../lib/safe-error.ts";

export interface SpikeWorker {
  detector: SpikeDetector;
  /** Sends due alert webhooks now (tests). */
  sendWebhooks(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export interface SpikeWorkerOptions {
  db: Database;
  config: Config;
  logger: Logger;
  macroCatalog?: MacroCatalog;
  /** Between detector steps; the detector's windows end at each workspace's clock. */
  tickMs?: number;
  /** For the alert webhook: user-supplied URLs, so the address-checked fetch. */
  fetch?: OutboundFetch;
}

const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * The spike monitor's background work: a detector step every `tickMs`, then the alert webhooks
 * that are due, and once an hour the pruning of old fine-grained buckets. Not started in tests,
 * which call `detector.tick({ at })` on their own clock.
 */
export function createSpikeWorker(options: SpikeWorkerOptions): SpikeWorker {
  const { db, config, logger } = options;
  const tickMs = options.tickMs ?? 10_000;
  const detector = createSpikeDetector({ db, logger, macroCatalog: options.macroCatalog ?? databaseMacroCatalog(db) });
  const sender = createAlertWebhookSender({
    db,
    logger,
    encryptionKey: config.encryptionKey,
    publicUrl: config.publicUrl ?? null,
    ...(options.fetch && { fetch: options.fetch }),
  });
  let lastPrune = 0;

  async function step() {
    await detector.tick();
    await sender.sendDue();
    if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      await pruneSpikeMetrics(db, new Date());
    }
  }

  const loop = createBackgroundLoop(step, tickMs, (error) =>
    logger.error("spike monitor step failed", { error: describeError(error) }),
  );

  return {
    detector,
    sendWebhooks: () => sender.sendDue(),
    start: () => loop.start(),
    stop: () => loop.stop(),
  };
}
