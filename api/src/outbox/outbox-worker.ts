import { and, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { EventBus } from "../events/event-bus.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { connectedAccounts, replyOutbox } from "../db/schema/index.ts";
import { openAccessToken } from "../accounts/account-token.ts";
import { createQueueWorker, type QueueWorker } from "../jobs/queue-worker.ts";
import type { BackoffOptions } from "../lib/backoff.ts";
import type { Logger } from "../lib/logger.ts";
import type { OutboxRow, PlatformSender } from "../connectors/contract.ts";
import { recordSentReply } from "./record-sent-reply.ts";
import { replyOutboxQueue } from "./reply-outbox-queue.ts";
import { retryDecision } from "./retry-decision.ts";
import { shippedConnectors, type ConnectorRegistry } from "../connectors/registry.ts";

export interface OutboxWorkerOptions {
  db: Database;
  config: Config;
  logger: Logger;
  /** Where to announce that a message was answered; consoles update it live. */
  events?: EventBus;
  /** The platforms whose senders it uses. */
  connectors?: ConnectorRegistry;
  /** Platform HTTP; tests wrap it to lose answers or hang, as a dying process would. */
  fetch?: typeof fetch;
  batchSize?: number;
  /** Sends in flight at once within a pass. */
  concurrency?: number;
  /** How long a claimed row is this worker's; after it, another worker presumes it dead. */
  leaseMs?: number;
  /** Failed sends before a row is given up (see `retryDecision`). */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  intervalMs?: number;
  now?: () => Date;
}

/** `stop` lets the sends claimed finish (and be recorded) and claims no more. */
export interface OutboxWorker extends Pick<QueueWorker, "start" | "stop" | "notify"> {
  /** One pass: claims due rows and sends them; resolves with how many it handled. */
  runOnce(): Promise<number>;
  /** Passes until no row is queued or sending (waiting out retry delays), or the timeout; answers how many it handled. */
  drain(options?: { timeoutMs?: number }): Promise<number>;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * Sends the reply outbox. A row is claimed (`sending`, attempts + 1, a lease) in a committed
 * update before its platform call, so several workers share the queue (SKIP LOCKED) and a row
 * left `sending` by a dead worker is taken again when its lease runs out, marked uncertain: that
 * attempt first looks for the reply on the platform, and records it instead of sending twice.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, config, logger, connectors = shippedConnectors } = options;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 8;
  const leaseMs = options.leaseMs ?? 90_000;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoff = options.backoff ?? { baseMs: 2_000, maxMs: 5 * 60_000 };
  const now = options.now ?? (() => new Date());
  const queue = replyOutboxQueue({ leaseMs, now });

  /** Records a delivered row, then tells open consoles: the message is answered (and closed). */
  async function recorded(row: OutboxRow, externalId: string | null) {
    if (await recordSentReply(db, connectors, row, externalId, now(), { visibilityTimeoutMs: config.replyVisibilityTimeoutMs })) {
      options.events?.publish({ type: "messages", workspaceId: row.workspaceId, change: "updated", ids: [row.messageId] });
    }
  }

  function claim(): Promise<OutboxRow[]> {
    return queue.claim(db, {
      limit: batchSize,
      set: {
        updatedAt: now(),
        // A row still `sending` was left by a worker that died mid-call: the reply may have gone out.
        uncertainSince: sql`case when ${replyOutbox.status} = 'sending' then coalesce(${replyOutbox.uncertainSince}, ${replyOutbox.updatedAt}) else ${replyOutbox.uncertainSince} end`,
      },
    });
  }

  /** Gives the row up with the reason the console shows, if this worker still holds it. */
  async function fail(row: OutboxRow, reason: string, uncertainSince = row.uncertainSince) {
    await queue.deadLetter(db, row, reason, { uncertainSince, updatedAt: now() });
  }

  async function deliver(row: OutboxRow): Promise<void> {
    const attemptStart = now();
    let sender: PlatformSender | null = null;
    let reachedSend = false;
    try {
      const [account] = await db.select().from(connectedAccounts).where(eq(connectedAccounts.id, row.accountId));
      if (!account?.accessTokenEncrypted) {
        await fail(row, "The account has no access token: reconnect it, then retry the send.");
        return;
      }
      const token = openAccessToken(config, account.accessTokenEncrypted);
      sender = connectors.forChannel(account.channel).sender({ config, account, token, row, ...(options.fetch && { fetch: options.fetch }) });
      if (row.uncertainSince) {
        // Replies other rows already recorded are theirs, whichever message those rows answer:
        // two messages of one thread (a comment and a reply under it) share the thread a public
        // reply goes to, and the same macro gives both the same text.
        const others = await db
          .select({ externalId: replyOutbox.externalId })
          .from(replyOutbox)
          .where(
            and(
              eq(replyOutbox.accountId, row.accountId),
              eq(replyOutbox.kind, row.kind),
              sql`${replyOutbox.target} = ${JSON.stringify(row.target)}::jsonb`,
              isNotNull(replyOutbox.externalId),
              ne(replyOutbox.id, row.id),
            ),
          );
        const found = await sender.findExisting(new Set(others.flatMap((o) => (o.externalId ? [o.externalId] : []))));
        if (found === "unknown") {
          await fail(row, "An earlier attempt may have reached the platform and it cannot be checked: look at the conversation before sending again.");
          return;
        }
        if (found) {
          await recorded(row, found.externalId);
          return;
        }
      }
      reachedSend = true;
      const delivered = await sender.send();
      await recorded(row, delivered.externalId);
    } catch (error) {
      if (sender?.alreadyDelivered(error) && row.uncertainSince) {
        await recorded(row, null);
        return;
      }
      const decision = retryDecision(error, { attempts: row.attempts, failedSends: row.failedSends, reachedSend }, maxAttempts, backoff);
      const uncertainSince = decision.mayHaveArrived ? (row.uncertainSince ?? attemptStart) : row.uncertainSince;
      const set = { uncertainSince, failedSends: decision.failedSends, updatedAt: now() };
      if (decision.action === "retry") {
        await queue.retry(db, row, { reason: decision.error, delayMs: decision.delayMs, set });
      } else {
        await queue.deadLetter(db, row, decision.error, set);
        logger.warn("reply not sent", { outboxId: row.id, error: decision.error });
      }
    }
  }

  async function runOnce(): Promise<number> {
    const rows = await claim();
    let next = 0;
    const lanes = Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        await deliver(row);
      }
    });
    await Promise.all(lanes);
    return rows.length;
  }

  const jobs = createQueueWorker({ runOnce, intervalMs: options.intervalMs ?? 1_000, logger, failureMessage: "outbox pass failed", pending: () => queue.pending(db), now });
  return { start: jobs.start, stop: jobs.stop, notify: jobs.notify, runOnce, drain: jobs.drainUntilEmpty };
}
