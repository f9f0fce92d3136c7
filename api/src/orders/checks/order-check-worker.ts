import { inArray } from "drizzle-orm";
import type { OrderContext } from "@surgedesk/shared";
import type { Config } from "../../config.ts";
import type { ConnectorRegistry } from "../../connectors/registry.ts";
import type { Database } from "../../db/client.ts";
import { orderChecks } from "../../db/schema/index.ts";
import type { EventBus } from "../../events/event-bus.ts";
import { publishStoredMessages } from "../../events/publish-stored-messages.ts";
import { createLeasedQueue } from "../../jobs/leased-queue.ts";
import { createQueueWorker, type QueueWorker } from "../../jobs/queue-worker.ts";
import type { Logger } from "../../lib/logger.ts";
import { describeError } from "../../lib/safe-error.ts";
import { orderLookupFor } from "../../replies/order-context.ts";
import { loadReplyTarget } from "../../replies/reply-target.ts";
import type { ReplyTarget } from "../../connectors/contract.ts";
import { takeCall } from "../../sync/call-budget.ts";
import { lookupOrder, type OrderLookupInput } from "../order-lookup.ts";
import { openOrderSources, type NamedOrderSource } from "../order-sources.ts";
import { raiseOrderEscalation } from "../raise-order-escalation.ts";

/**
 * Background lookups take one call a minute from this budget of each shop account they ask
 * (shared by every process, like the pollers'), leaving the rest of the shop's allowance to the
 * agents' own lookups and the order queues.
 */
export const BACKGROUND_ORDER_LOOKUPS = { endpoint: "orders.background_lookup", perMinute: 20 } as const;

type Check = typeof orderChecks.$inferSelect;

export const orderCheckQueue = createLeasedQueue({
  table: orderChecks,
  id: orderChecks.messageId,
  order: orderChecks.dueAt,
  status: { column: orderChecks.status, queued: "queued", dead: "dead" },
  dueAt: orderChecks.dueAt,
  leaseUntil: orderChecks.dueAt,
  leaseMs: 2 * 60_000,
  attempts: orderChecks.attempts,
  lastError: orderChecks.lastError,
  maxAttempts: 5,
  abandonedReason: "Gave up after 5 attempts: the order lookup kept stopping before it finished.",
  backoff: { baseMs: 30_000, maxMs: 15 * 60_000 },
});

export interface OrderCheckWorkerOptions {
  db: Database;
  config: Config;
  connectors: ConnectorRegistry;
  logger: Logger;
  /** Consoles hear a message whose escalation was raised. */
  events?: EventBus;
  /** Checks claimed per pass. */
  batchSize?: number;
  /** Buyers looked up at once: each lookup asks every connected shop. */
  concurrency?: number;
  pollIntervalMs?: number;
  now?: () => Date;
}

/**
 * An ingest batch that queued checks calls `notify`, to look sooner than the interval; `drain`
 * runs passes until no check is due and answers how many checks it settled or put back.
 */
export type OrderCheckWorker = Pick<QueueWorker, "start" | "stop" | "notify" | "drain">;

/** The words a lookup that could not ask a shop leaves for the next attempt. */
const failureOf = (context: OrderContext) => context.reason ?? "A shop could not be asked.";

/**
 * Looks up the order of each order-issue message ingestion queued (`order_checks`), away from the
 * ingest batch, and raises the message's escalation when the order's history calls for it
 * (`raiseOrderEscalation`, the same rules as when an agent opens the item). A buyer's checks
 * claimed together share one lookup when they would ask the same thing; at most `concurrency`
 * buyers are looked up at once; each shop account's background budget is spent one call per
 * lookup, and a spent minute puts the buyer's checks back until the next. A shop that cannot be
 * asked (throttled, down) is retried with backoff, then the check is given up with the reason.
 */
export function createOrderCheckWorker({
  db,
  config,
  connectors,
  logger,
  events,
  batchSize = 20,
  concurrency = 2,
  pollIntervalMs = 5_000,
  now = () => new Date(),
}: OrderCheckWorkerOptions): OrderCheckWorker {
  /** Spends one call of each shop account's background budget; the time to come back when one is spent. */
  async function spendBudget(sources: readonly NamedOrderSource[]): Promise<Date | null> {
    for (const { accountId } of sources) {
      if (!accountId) continue;
      const taken = await takeCall(db, accountId, BACKGROUND_ORDER_LOOKUPS, now());
      if (!taken.taken) return taken.nextWindowAt;
    }
    return null;
  }

  async function settle(check: Check, context: OrderContext | null, fired: string[]) {
    await orderCheckQueue.settle(db, check, { status: "done", outcome: context?.outcome ?? "message_gone", escalatedBy: fired, checkedAt: now(), lastError: null });
  }

  /** One buyer's claimed checks, oldest first: one lookup per distinct question. */
  async function checkBuyer(checks: Check[], sourcesOf: (workspaceId: string) => Promise<NamedOrderSource[]>): Promise<void> {
    const targets: { check: Check; target: ReplyTarget }[] = [];
    for (const check of checks) {
      try {
        targets.push({ check, target: await loadReplyTarget(db, check.workspaceId, check.messageId) });
      } catch {
        await settle(check, null, []); // the message was erased meanwhile
      }
    }
    if (targets.length === 0) return;
    const sources = await sourcesOf(checks[0]!.workspaceId);
    const lookups = new Map<string, Promise<OrderContext>>();
    const raised: string[] = [];
    for (const { check, target } of targets) {
      const input: OrderLookupInput = await orderLookupFor({ db, workspaceId: check.workspaceId, target, sources });
      // The same question whichever of the buyer's messages asks it (lookupOrder drops a buyer key the message quotes itself).
      const own = new Set(input.keys.map((k) => `${k.kind}:${k.value}`));
      const elsewhere = (input.buyerKeys ?? []).map((k) => `${k.kind}:${k.value}`).filter((k) => !own.has(k));
      const question = JSON.stringify([input.contactId, [...own].sort(), [...new Set(elsewhere)].sort()]);
      let lookup = lookups.get(question);
      if (!lookup) {
        const comeBackAt = sources.length > 0 ? await spendBudget(sources) : null;
        if (comeBackAt) {
          // This buyer's remaining checks wait for the next minute; nothing counts as a failure.
          const waiting = targets.slice(targets.findIndex((t) => t.check === check));
          for (const w of waiting) await orderCheckQueue.requeue(db, w.check, { at: comeBackAt });
          break;
        }
        lookup = lookupOrder(input);
        lookups.set(question, lookup);
      }
      const context = await lookup;
      if (context.outcome === "error") {
        const outcome = await orderCheckQueue.retry(db, check, { reason: failureOf(context) });
        if (outcome === "dead") logger.warn("background order check given up", { messageId: check.messageId, reason: failureOf(context) });
        continue;
      }
      const fired = await raiseOrderEscalation(db, target.message, context);
      if (fired.length > 0) raised.push(check.messageId);
      await settle(check, context, fired.map((f) => f.rule));
    }
    if (raised.length > 0 && events) await publishStoredMessages(db, events, raised, "updated");
  }

  /** One batch of due checks, claimed together; answers how many. */
  async function runOnce(): Promise<number> {
    const claimed = await orderCheckQueue.claim(db, { limit: batchSize });
    if (claimed.length === 0) return 0;
    const buyers = new Map<string, Check[]>();
    for (const check of claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
      const key = `${check.workspaceId}\u0000${check.buyerKey}`;
      buyers.set(key, [...(buyers.get(key) ?? []), check]);
    }
    const opened = new Map<string, Promise<NamedOrderSource[]>>();
    const sourcesOf = (workspaceId: string) => {
      let sources = opened.get(workspaceId);
      if (!sources) opened.set(workspaceId, (sources = openOrderSources({ db, config, connectors, workspaceId })));
      return sources;
    };
    const queue = [...buyers.values()];
    const lane = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          await checkBuyer(next, sourcesOf);
        } catch (error) {
          // Left held: due again once its lease lapses, and given up after its attempts.
          logger.warn("background order check failed", { checks: next.length, error: describeError(error) });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, lane));
    return claimed.length;
  }

  const jobs = createQueueWorker({ runOnce, intervalMs: pollIntervalMs, logger, failureMessage: "background order checks failed" });
  return { start: jobs.start, stop: jobs.stop, notify: jobs.notify, drain: jobs.drain };
}

/** Checks queued for these messages (tests and the status page read them). */
export function orderChecksOf(db: Database, messageIds: readonly string[]) {
  return db.select().from(orderChecks).where(inArray(orderChecks.messageId, [...messageIds]));
}
