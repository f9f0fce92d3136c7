import { and, eq, inArray, sql } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { connectedAccounts, inboundEvents, syncCursors } from "../db/schema/index.ts";
import { backoffDelay } from "../lib/backoff.ts";
import { createLeasedQueue } from "../jobs/leased-queue.ts";
import { newId } from "../lib/ids.ts";
import { withoutNul } from "../lib/without-nul.ts";
import type { Logger } from "../lib/logger.ts";
import { openAccessToken } from "../accounts/account-token.ts";
import { shippedConnectors, type ConnectorRegistry } from "../connectors/registry.ts";
import { recordPostDetails } from "./record-post-details.ts";
import { takeCall } from "./call-budget.ts";
import { createBackgroundLoop } from "../lib/background-loop.ts";
import { PlatformApiError, type ConnectedAccount, type PollOutcome, type SyncCursor } from "../connectors/contract.ts";
import { describeError } from "../lib/safe-error.ts";

export interface SyncSchedulerOptions {
  db: Database;
  config: Config;
  logger: Logger;
  /** The platforms whose pollers it runs. */
  connectors?: ConnectorRegistry;
  /** Tell the ingest worker that polled pages are waiting. */
  notifyIngest(): void;
  /** How long a claimed cursor is leased to this process before another may retry it. */
  leaseMs?: number;
  /** Cursors polled at once, across accounts. */
  concurrency?: number;
  tickMs?: number;
  now?: () => Date;
  random?: () => number;
}

export interface SyncScheduler {
  start(): void;
  stop(): Promise<void>;
  /** Polls everything due now, once; returns how many polls ran. For tests and backfills. */
  runDue(): Promise<number>;
  /** Polls until nothing is due before `until` (default: now); returns how many polls ran. */
  drain(options?: { maxPolls?: number }): Promise<number>;
}

const REJECTED_RETRY_MS = 6 * 60 * 60_000;

interface Claimed {
  cursor: SyncCursor;
  account: ConnectedAccount;
}

/**
 * Runs the pollers: claims due cursors with a lease (`FOR UPDATE SKIP LOCKED`, then a short
 * commit, so no transaction stays open across an HTTP call), polls one page each, and stores
 * the page's raw events with the new cursor in one transaction. Throttling and expired tokens
 * are handled per account: a throttled account waits, an expired one stops and asks for help.
 */
export function createSyncScheduler(options: SyncSchedulerOptions): SyncScheduler {
  const { db, config, logger, notifyIngest, connectors = shippedConnectors, leaseMs = 120_000, concurrency = 4, tickMs = 1000 } = options;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;

  // A cursor is a schedule that never ends: its lease is its next poll time pushed ahead, so a
  // poll whose process died is simply due again. `failures` counts failed polls in a row (for the
  // backoff and the status page), not claims.
  const cursors = createLeasedQueue({
    table: syncCursors,
    id: syncCursors.id,
    order: syncCursors.nextPollAt,
    dueAt: syncCursors.nextPollAt,
    leaseUntil: syncCursors.nextPollAt,
    leaseMs,
    lastError: syncCursors.lastError,
    now,
  });

  async function claimDue(limit: number): Promise<Claimed[]> {
    const at = now();
    const claimed = await cursors.claim(db, {
      limit,
      where: sql`exists (
        select 1 from ${connectedAccounts} a
        where a.id = ${syncCursors.accountId} and a.status = 'active'
          and (a.throttled_until is null or a.throttled_until <= ${at.toISOString()}::timestamptz))`,
    });
    if (claimed.length === 0) return [];
    const accounts = await db
      .select()
      .from(connectedAccounts)
      .where(inArray(connectedAccounts.id, [...new Set(claimed.map((c) => c.accountId))]));
    const byId = new Map(accounts.map((a) => [a.id, a]));
    return claimed.flatMap((cursor) => {
      const account = byId.get(cursor.accountId);
      return account ? [{ cursor, account }] : [];
    });
  }

  async function recordSuccess({ cursor, account }: Claimed, outcome: PollOutcome) {
    const at = now();
    await db.transaction(async (tx) => {
      for (const event of outcome.events) {
        await tx.insert(inboundEvents).values({
          platform: connectors.platformOfFormat(event.format),
          format: event.format,
          source: "poll",
          body: event.body,
          accountId: account.id,
        });
      }
      await cursors.requeue(tx, cursor, {
        at: new Date(at.getTime() + outcome.nextPollInMs),
        set: {
          pageCursor: outcome.pageCursor,
          ...(outcome.state && { state: outcome.state }),
          ...(outcome.newestSeenId !== undefined && { newestSeenId: outcome.newestSeenId }),
          ...(outcome.newestSeenAt !== undefined && { newestSeenAt: outcome.newestSeenAt }),
          lastPolledAt: at,
          itemsGathered: sql`${syncCursors.itemsGathered} + ${outcome.itemsGathered}`,
          failures: 0,
        },
      });
      if (outcome.posts) await recordPostDetails(tx, account, outcome.posts);
      for (const found of outcome.discovered ?? []) {
        const insert = tx.insert(syncCursors).values({
          id: newId("cursor"),
          accountId: account.id,
          resource: found.resource,
          resourceId: found.resourceId,
          resourceCreatedAt: found.resourceCreatedAt,
          // Due at once by the scheduler's clock (not the database's), like everything it schedules.
          nextPollAt: at,
          ...(found.state && { state: found.state }),
        });
        await (found.pollSoon
          ? insert.onConflictDoUpdate({
              target: [syncCursors.accountId, syncCursors.resource, syncCursors.resourceId],
              set: { nextPollAt: sql`least(${syncCursors.nextPollAt}, ${at.toISOString()}::timestamptz)` },
            })
          : insert.onConflictDoNothing());
      }
      if (outcome.slowAccountForMs) {
        await tx
          .update(connectedAccounts)
          .set({ throttledUntil: new Date(at.getTime() + outcome.slowAccountForMs) })
          .where(eq(connectedAccounts.id, account.id));
      }
    });
    if (outcome.events.length > 0) notifyIngest();
  }

  async function recordFailure({ cursor, account }: Claimed, error: unknown) {
    const at = now();
    // A platform's error text is kept (printable and short); any other error (the database's,
    // which may quote parameters) is stored as a safe description.
    const message = error instanceof PlatformApiError ? withoutNul(error.message).slice(0, 1000) : describeError(error);
    const kind = error instanceof PlatformApiError ? error.kind : "transient";
    const delay =
      error instanceof PlatformApiError && error.retryAfterMs !== undefined
        ? error.retryAfterMs
        : kind === "rejected"
          ? // The platform refused the request itself (a deleted video, a revoked permission):
            // retrying soon cannot help, so look again rarely; lastError tells the admin why.
            REJECTED_RETRY_MS
          : backoffDelay(cursor.failures + 1, { baseMs: 2_000, random: () => 0.5 + random() / 2 });
    logger.warn("poll failed", { accountId: account.id, resource: cursor.resource, kind, error: message });
    await db.transaction(async (tx) => {
      await cursors.retry(tx, cursor, {
        reason: message,
        delayMs: kind === "token_expired" ? 0 : delay,
        set: { failures: sql`${syncCursors.failures} + 1` },
      });
      const accountChanges =
        kind === "token_expired"
          ? {
              status: "needs_attention" as const,
              attentionReason: "The platform refused the access token (expired or revoked): reconnect the account.",
            }
          : kind === "rate_limited"
            ? { throttledUntil: new Date(at.getTime() + delay) }
            : {};
      await tx
        .update(connectedAccounts)
        .set({ ...accountChanges, lastError: message, lastErrorAt: at })
        .where(and(eq(connectedAccounts.id, account.id)));
    });
  }

  async function pollOne(claimed: Claimed) {
    const poller = connectors.findPoller(claimed.cursor.resource);
    try {
      if (!poller) throw new PlatformApiError("rejected", `no poller for resource "${claimed.cursor.resource}"`);
      if (!claimed.account.accessTokenEncrypted) throw new PlatformApiError("token_expired", "the account has no access token");
      if (poller.rateLimit) {
        // The platform's per-account budget on this endpoint, shared by every process: a spent
        // minute defers the poll to the next one, without counting as a failure.
        const call = await takeCall(db, claimed.account.id, poller.rateLimit, now());
        if (!call.taken) {
          await cursors.requeue(db, claimed.cursor, { at: call.nextWindowAt, set: {} });
          return;
        }
      }
      const outcome = await poller.poll({
        account: claimed.account,
        accessToken: openAccessToken(config, claimed.account.accessTokenEncrypted),
        cursor: claimed.cursor,
        config,
        now: now(),
      });
      await recordSuccess(claimed, outcome);
    } catch (error) {
      await recordFailure(claimed, error);
    }
  }

  /**
   * Passes run one after another within this process, so a `drain()` called while the loop is
   * mid-pass waits for that pass's polls to be recorded instead of returning while they are in
   * flight. Other processes are kept apart by the leases.
   */
  let passInFlight: Promise<unknown> = Promise.resolve();
  function runDue(): Promise<number> {
    const pass = async () => {
      const claimed = await claimDue(concurrency);
      await Promise.all(claimed.map(pollOne));
      return claimed.length;
    };
    const result = passInFlight.then(pass, pass);
    passInFlight = result.catch(() => undefined);
    return result;
  }

  async function drain({ maxPolls = 100_000 } = {}): Promise<number> {
    let total = 0;
    while (total < maxPolls) {
      const ran = await runDue();
      if (ran === 0) break;
      total += ran;
    }
    return total;
  }

  const loop = createBackgroundLoop(() => drain({ maxPolls: 1000 }), tickMs, (error) =>
    logger.error("sync tick failed", { error: describeError(error) }),
  );

  return {
    start: () => loop.start(),
    stop: () => loop.stop(),
    runDue,
    drain,
  };
}
