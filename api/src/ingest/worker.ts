import { sql } from "drizzle-orm";
import { inboundEvents } from "../db/schema/index.ts";
import type { Database } from "../db/client.ts";
import { createLeasedQueue } from "../jobs/leased-queue.ts";
import { createQueueWorker, type QueueWorker } from "../jobs/queue-worker.ts";
import type { Logger } from "../lib/logger.ts";
import { shippedConnectors, type ConnectorRegistry } from "../connectors/registry.ts";
import type { ClassifierForWorkspace } from "./message-classifier.ts";
import { storeMessagesWithFacts, type StoredMessage } from "./store-messages.ts";
import { applyPlatformReports } from "./apply-state-changes.ts";
import { enqueueOrderChecks } from "../orders/checks/enqueue-order-checks.ts";
import type { NormalizeResult, OrderChange } from "../connectors/contract.ts";
import type { Tx } from "../db/types.ts";
import { moderateMessages, type ModerationResult } from "../moderation/moderate-messages.ts";
import type { RuleCache } from "../moderation/rule-cache.ts";

import { describeError, isTransientError } from "../lib/safe-error.ts";
import { backoffDelay } from "../lib/backoff.ts";

export interface IngestWorkerOptions {
  db: Database;
  logger: Logger;
  /** Each workspace's classifier (its own model, or the shipped one). */
  classifiers: ClassifierForWorkspace;
  /** The platforms whose event formats it reads. */
  connectors?: ConnectorRegistry;
  /** Events claimed per transaction when the backlog is short. */
  batchSize?: number;
  /**
   * Events claimed per transaction at most: after a full batch (a backlog), the next claims
   * twice as many, up to this; a batch that was not full brings it back to `batchSize`.
   */
  maxBatchSize?: number;
  /**
   * Batches in flight at once, each in its own transaction (PostgreSQL only: PGlite has one
   * connection). While one batch waits on the database, another is classified.
   */
  concurrency?: number;
  /** How often to look for events written by other processes when nobody notified us. */
  pollIntervalMs?: number;
  /** Hears the new messages once their batch has committed (live updates to consoles). */
  onStored?: (messages: StoredMessage[]) => void;
  /** Hears the ids of stored messages the platforms changed (hidden, deleted, edited), after the commit. */
  onChanged?: (messageIds: string[]) => void;
  /** Hears the orders the platforms said changed (shop webhooks), once their events are marked processed. */
  onOrdersChanged?: (changes: OrderChange[]) => void;
  /**
   * Moderation rules, evaluated over each batch's new messages after classification, in its
   * transaction; `onModerated` hears what they decided once the batch has committed.
   */
  moderation?: {
    rules: RuleCache;
    onModerated(result: ModerationResult): void;
    /** Users with a console open to this process: round-robin rules assign only to them. */
    onlineUserIds?: () => readonly string[];
  };
  /**
   * New order-issue messages get a background order check (`orders/checks/`), due this long after
   * their batch commits so a buyer's burst is looked up together. Default 5 s.
   */
  orderCheckDelayMs?: number;
}

/**
 * `stop` lets the batches in flight commit and claims no more (what is left stays pending for the
 * next start); a webhook that stored an event calls `notify`; `drain` processes until no pending
 * event is left and answers how many it handled.
 */
export type IngestWorker = Pick<QueueWorker, "start" | "stop" | "notify" | "drain">;

type ClaimedEvent = Pick<typeof inboundEvents.$inferSelect, "id" | "format" | "body" | "attempts">;

/**
 * Inbound events as a queue: `pending` until processed, `failed` with the reason when they cannot
 * be. A batch is locked in the transaction that processes it, which is its lease. An event that
 * failed for a transient reason waits (`next_attempt_at`) with backoff, at most `maxAttempts` times.
 */
export const inboundQueue = createLeasedQueue({
  table: inboundEvents,
  id: inboundEvents.id,
  order: inboundEvents.id,
  status: { column: inboundEvents.status, queued: "pending", dead: "failed" },
  attempts: inboundEvents.attempts,
  lastError: inboundEvents.lastError,
  maxAttempts: 8,
});

/** Between transient failures: exponential with full jitter, from 5 s up to 10 min. */
/**
 * Half the ceiling at least ("equal jitter"): a transient failure retried within milliseconds
 * (full jitter can draw ~0) mostly meets the same overloaded or locked database again.
 */
const RETRY_BACKOFF = { baseMs: 5_000, maxMs: 10 * 60_000, random: () => 0.5 + Math.random() / 2 };

/**
 * Due by the database's clock, like the time it was stored: the app's clock may differ from the
 * server's, and a fresh event must never wait for them to agree.
 */
const due = sql`(${inboundEvents.nextAttemptAt} is null or ${inboundEvents.nextAttemptAt} <= now())`;

/**
 * Drains `inbound_events` at-least-once and idempotently. Each batch is claimed with
 * `FOR UPDATE SKIP LOCKED`, so several processes sharing one PostgreSQL split the backlog
 * without taking the same event twice; the messages and the event's status commit together,
 * so a crash mid-batch leaves the events pending for the next try, never half-applied.
 */
export function createIngestWorker({
  db,
  logger,
  classifiers,
  connectors = shippedConnectors,
  batchSize = 500,
  maxBatchSize = 2000,
  concurrency = 1,
  pollIntervalMs = 1000,
  onStored,
  onChanged,
  onOrdersChanged,
  moderation,
  orderCheckDelayMs = 5_000,
}: IngestWorkerOptions): IngestWorker {
  /**
   * Larger batches while there is a backlog: a batch's round trips (lock, lookups, inserts,
   * mark, commit) cost about the same for 500 events as for 2,000, so a surge is caught up
   * faster; a short queue keeps batches small, and so each message's wait.
   */
  let claimSize = batchSize;

  async function processBatch(): Promise<number> {
    const stored: StoredMessage[] = [];
    const changed: string[] = [];
    const orders: OrderChange[] = [];
    const moderated: ModerationResult[] = [];
    const handled = await db.transaction(async (tx) => {
      const limit = claimSize;
      const claimed: ClaimedEvent[] = await inboundQueue.lockDue(tx, { limit, where: due, columns: ["id", "format", "body", "attempts"] });
      claimSize = claimed.length === limit ? Math.min(limit * 2, Math.max(batchSize, maxBatchSize)) : batchSize;
      if (claimed.length === 0) return 0;
      const normalized: { event: ClaimedEvent; result: NormalizeResult }[] = [];
      for (const event of claimed) {
        try {
          normalized.push({ event, result: connectors.normalize(event.format, event.body) });
        } catch (err) {
          // The body cannot be read (unknown shape, implausible time): it never will be.
          await deadLetter(tx, event, err);
        }
      }
      try {
        // The fast path: the whole batch in a few statements, under a savepoint.
        const outcome = await tx.transaction((savepoint) => storeAndMark(savepoint, normalized));
        stored.push(...outcome.stored);
        changed.push(...outcome.changed);
        orders.push(...outcome.orders);
        if (outcome.moderated) moderated.push(outcome.moderated);
      } catch (err) {
        logger.warn("ingest batch failed; retrying its events one by one", { events: normalized.length, error: describeError(err) });
        for (const item of normalized) {
          try {
            const outcome = await tx.transaction((savepoint) => storeAndMark(savepoint, [item]));
            stored.push(...outcome.stored);
            changed.push(...outcome.changed);
            orders.push(...outcome.orders);
            if (outcome.moderated) moderated.push(outcome.moderated);
          } catch (eventError) {
            await (isTransientError(eventError) ? retryLater(tx, item.event, eventError) : deadLetter(tx, item.event, eventError));
          }
        }
      }
      return claimed.length;
    });
    // Only after the commit: a rolled-back batch must not announce messages that do not exist.
    if (stored.length > 0) onStored?.(stored);
    const storedIds = new Set(stored.map((m) => m.id));
    const changedOnly = changed.filter((id) => !storedIds.has(id));
    if (changedOnly.length > 0) onChanged?.(changedOnly);
    if (orders.length > 0) onOrdersChanged?.(orders);
    for (const result of moderated) moderation?.onModerated(result);
    return handled;
  }

  async function storeAndMark(
    tx: Tx,
    items: { event: ClaimedEvent; result: NormalizeResult }[],
  ): Promise<{ stored: StoredMessage[]; changed: string[]; orders: OrderChange[]; moderated?: ModerationResult }> {
    if (items.length === 0) return { stored: [], changed: [], orders: [] };
    // The messages, and their spike metrics in the same statement: a retried batch counts nothing twice.
    const { stored, facts, itemsChanged } = await storeMessagesWithFacts(
      tx,
      items.flatMap(({ event, result }) => result.messages.map((message) => ({ message, inboundEventId: event.id }))),
      { classifiers },
    );
    // Their orders are looked up later, away from this batch: here only a row each, no shop asked.
    await enqueueOrderChecks(tx, stored.map((m) => m.id), orderCheckDelayMs);
    // Then the workspace's moderation rules over the new, classified messages, in the same
    // transaction: a retried batch neither hides nor logs twice.
    const moderated = moderation ? await moderateMessages(tx, moderation.rules, facts, moderation.onlineUserIds) : undefined;
    // Then what the platforms report about stored messages (hidden, deleted, edited), new ones
    // included, and the item rows a new message took over or reopened, so the lists move them.
    const changed = [...itemsChanged, ...(await applyPlatformReports(tx, items.map(({ result }) => result), classifiers))];
    const ids = items.map((i) => i.event.id);
    const outcomes = items.map(({ result }) =>
      JSON.stringify({ messages: result.messages.length, skipped: result.skipped, ...(result.orders?.length && { orders: result.orders.length }) }),
    );
    await tx.execute(
      sql`update ${inboundEvents} as e
          set status = 'processed', processed_at = clock_timestamp(), attempts = e.attempts + 1, outcome = v.outcome::jsonb
          from (select unnest(${sql.param(ids)}::bigint[]) as id, unnest(${sql.param(outcomes)}::text[]) as outcome) as v
          where e.id = v.id`,
    );
    return { stored, changed, orders: items.flatMap(({ result }) => result.orders ?? []), moderated };
  }

  /** A permanent failure: given up at once, its reason kept for an operator (who may retry it). */
  async function deadLetter(tx: Tx, event: ClaimedEvent, err: unknown) {
    const reason = describeError(err);
    logger.error("inbound event failed", { eventId: event.id, format: event.format, error: reason });
    await inboundQueue.deadLetter(tx, event, reason, { attempts: sql`${inboundEvents.attempts} + 1` });
  }

  /** A transient failure (the database, a timeout): tried again after a backoff, then given up. */
  async function retryLater(tx: Tx, event: ClaimedEvent, err: unknown) {
    const reason = describeError(err);
    const delayMs = backoffDelay(event.attempts, RETRY_BACKOFF);
    const outcome = await inboundQueue.retry(tx, event, {
      reason,
      // From the failure, not the transaction's start: a batch that ran long must not make the wait already over.
      set: { attempts: sql`${inboundEvents.attempts} + 1`, nextAttemptAt: sql`clock_timestamp() + ${delayMs}::int * interval '1 millisecond'` },
    });
    logger.warn(outcome === "dead" ? "inbound event failed too often; given up" : "inbound event failed; will retry", {
      eventId: event.id,
      format: event.format,
      attempts: event.attempts + 1,
      error: reason,
    });
  }

  /**
   * `concurrency` lanes, each batch after batch until none is left; drains within this process
   * run one after another, other processes are kept apart by the row locks.
   */
  const jobs = createQueueWorker({ runOnce: processBatch, lanes: concurrency, intervalMs: pollIntervalMs, logger, failureMessage: "ingest batch failed" });
  return { start: jobs.start, stop: jobs.stop, notify: jobs.notify, drain: jobs.drain };
}
