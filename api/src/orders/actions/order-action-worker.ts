import { sql } from "drizzle-orm";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/client.ts";
import { orderActions } from "../../db/schema/index.ts";
import { createQueueWorker, type QueueWorker } from "../../jobs/queue-worker.ts";
import type { BackoffOptions } from "../../lib/backoff.ts";
import type { Logger } from "../../lib/logger.ts";
import { ApiError } from "../../errors/api-error.ts";
import { retryDecision } from "../../outbox/retry-decision.ts";
import { shippedConnectors, type ConnectorRegistry } from "../../connectors/registry.ts";
import type { EventBus } from "../../events/event-bus.ts";
import { publishNote } from "../../notes/note-routes.ts";
import { finishOrderAction } from "./finish-order-action.ts";
import { orderActionQueue } from "./order-action-queue.ts";
import type { OrderActionRow } from "./order-action-store.ts";
import { runOrderAction } from "./run-order-action.ts";

export interface OrderActionWorkerOptions {
  db: Database;
  config: Config;
  logger: Logger;
  /** The platforms whose shops it acts on (TikTok Shop's after-sale desk). */
  connectors?: ConnectorRegistry;
  /** Shop HTTP; tests wrap it to lose answers, as a dying connection would. */
  fetch?: typeof fetch;
  /** Where to announce the result's note; open consoles show it live. */
  events?: EventBus;
  batchSize?: number;
  leaseMs?: number;
  /** Attempts that may have reached the shop before an action is given up. */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  intervalMs?: number;
  now?: () => Date;
}

export interface OrderActionWorker extends Pick<QueueWorker, "start" | "stop" | "notify"> {
  runOnce(): Promise<number>;
  /** Passes until no action is queued or running (waiting out retry delays), or the timeout; answers how many it handled. */
  drain(options?: { timeoutMs?: number }): Promise<number>;
}

/**
 * Runs queued order actions with the reply outbox's discipline: a row is claimed (`running`,
 * attempts + 1, a lease) in a committed update before the shop is called; 429s wait at least
 * the shop's Retry-After, 5xx and lost answers back off and mark the row uncertain, so the next
 * attempt looks on the shop before acting again (`runOrderAction`); refusals fail at once with
 * the shop's reason; the end is recorded once, fenced by `attempts`.
 */
export function createOrderActionWorker(options: OrderActionWorkerOptions): OrderActionWorker {
  const { db, config, logger, connectors = shippedConnectors } = options;
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoff ?? { baseMs: 2_000, maxMs: 5 * 60_000 };
  const queue = orderActionQueue({ leaseMs: options.leaseMs ?? 90_000, now });

  async function finished(row: OrderActionRow, outcome: Parameters<typeof finishOrderAction>[2]) {
    const finished = await finishOrderAction(db, row, outcome, now());
    if (finished && finished.note && options.events) publishNote(options.events, row.workspaceId, finished.note, []);
  }

  async function attempt(row: OrderActionRow) {
    const started = now();
    const state = { reachedCall: false };
    try {
      const outcome = await runOrderAction({ db, config, connectors, row, state, ...(options.fetch && { fetch: options.fetch }) });
      await finished(row, { status: "done", ...outcome });
    } catch (error) {
      if (error instanceof ApiError) {
        // The configuration changed under the action (a shop disconnected): nothing was sent.
        await finished(row, { status: "failed", result: `Not done: ${error.message}`, lastError: error.message });
        return;
      }
      const decision = retryDecision(error, { attempts: row.attempts, failedSends: row.failedSends, reachedSend: state.reachedCall }, maxAttempts, backoff);
      const uncertainSince = decision.mayHaveArrived ? (row.uncertainSince ?? started) : row.uncertainSince;
      if (decision.action === "retry") {
        await queue.retry(db, row, { reason: decision.error, delayMs: decision.delayMs, set: { uncertainSince, failedSends: decision.failedSends, updatedAt: now() } });
        return;
      }
      const checkFirst = uncertainSince ? " It may have reached the shop: check the order there before trying again." : "";
      await finished(row, { status: "failed", result: `Not done: ${decision.error}.${checkFirst}`, lastError: decision.error, uncertainSince, failedSends: decision.failedSends });
      logger.warn("order action not done", { actionId: row.id, error: decision.error });
    }
  }

  async function runOnce(): Promise<number> {
    const rows = await queue.claim(db, {
      limit: options.batchSize ?? 20,
      set: {
        updatedAt: now(),
        // A row still `running` was left by a worker that died mid-call: the shop may have acted.
        uncertainSince: sql`case when ${orderActions.status} = 'running' then coalesce(${orderActions.uncertainSince}, ${orderActions.updatedAt}) else ${orderActions.uncertainSince} end`,
      },
    });
    for (const row of rows) await attempt(row);
    return rows.length;
  }

  const jobs = createQueueWorker({ runOnce, intervalMs: options.intervalMs ?? 1_000, logger, failureMessage: "order action pass failed", pending: () => queue.pending(db), now });
  return { start: jobs.start, stop: jobs.stop, notify: jobs.notify, runOnce, drain: jobs.drainUntilEmpty };
}
