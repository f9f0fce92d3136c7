import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client.ts";
import { shippedConnectors, type ConnectorRegistry } from "../connectors/registry.ts";
import { WEBHOOK_REPLAY_WINDOW_MS, type AcceptedDelivery } from "../connectors/webhook-host.ts";
import type { NewInboundEvent } from "./new-inbound-event.ts";
import { ApiError } from "../errors/api-error.ts";
import type { Logger } from "../lib/logger.ts";
import { describeError } from "../lib/safe-error.ts";
import { createBacklogGate } from "./backlog-gate.ts";

/** What a platform is told to wait before retrying a delivery we could not store now. */
const RETRY_AFTER_SECONDS = 5;

interface Pending {
  event: NewInboundEvent;
  platform: string;
  bytes: number;
  resolve(outcome: AcceptedDelivery): void;
  reject(error: unknown): void;
}

export interface InboundEventWriter {
  /**
   * Resolves once the event is committed (only then may the sender get its 200), or as a repeat
   * when an event with the same replay key was stored within the replay window.
   */
  write(event: NewInboundEvent): Promise<AcceptedDelivery>;
}

/**
 * Group commit for webhook deliveries. One INSERT per request caps a webhook near the database's
 * round-trip rate (~2k/s on PostgreSQL here); instead, requests that arrive while a write is in
 * flight are gathered and written together in one multi-row INSERT, and each still waits for its
 * own row to be durable before it is acknowledged.
 *
 * Signed deliveries claim their replay key in the same statement (webhook_replay_claims), so a
 * delivery is stored exactly when its claim is: a repeat of a stored delivery, from this process
 * or another, stores nothing, and a delivery that failed to store left no claim behind.
 */
export function createInboundEventWriter(
  db: Database,
  {
    maxBatch = 1000,
    maxQueued = 20_000,
    maxQueuedBytes = 64 * 1024 * 1024,
    connectors = shippedConnectors,
    replayWindowMs = WEBHOOK_REPLAY_WINDOW_MS,
    maxLagMs = 0,
    logger,
  }: {
    maxBatch?: number;
    /** Deliveries waiting to be written, at most; more are refused with 503 until it drains. */
    maxQueued?: number;
    /** Their bodies' bytes, at most: a flood of large bodies is bounded too, not only their count. */
    maxQueuedBytes?: number;
    connectors?: ConnectorRegistry;
    replayWindowMs?: number;
    /**
     * Refuse (503 with Retry-After) while the oldest delivery not yet processed was received
     * longer ago than this: ingestion is that far behind (see `createBacklogGate`). 0: never.
     */
    maxLagMs?: number;
    logger?: Logger;
  } = {},
): InboundEventWriter {
  let queue: Pending[] = [];
  let queuedBytes = 0;
  let flushing = false;
  const backlog = createBacklogGate(db, { maxLagMs });

  async function writeBatch(batch: Pending[]) {
    // Two requests with one replay key in a batch: the first is written, the others follow it.
    const leaders: Pending[] = [];
    const followers = new Map<string, Pending[]>();
    for (const pending of batch) {
      const key = pending.event.replayKey;
      if (key && followers.has(key)) followers.get(key)!.push(pending);
      else {
        if (key) followers.set(key, []);
        leaders.push(pending);
      }
    }
    const settleFollowers = (leader: Pending, settle: (p: Pending) => void) => {
      const key = leader.event.replayKey;
      if (key) for (const follower of followers.get(key) ?? []) settle(follower);
    };
    try {
      const column = (pick: (p: Pending) => string | null) => sql.param(leaders.map(pick));
      // unnest keeps the statement's parameter count fixed whatever the batch size. The claims
      // and the events are one statement, so they commit (or fail) together.
      const [result] = await queryRows<{ claimed: string[] | null; ids: (number | string)[] | null }>(
        db,
        sql`with input as (
              select * from unnest(
                ${column((p) => p.platform)}::text[], ${column((p) => p.event.format)}::text[],
                ${column((p) => p.event.source)}::text[], ${column((p) => p.event.body)}::text[],
                ${column((p) => p.event.accountId ?? null)}::text[], ${column((p) => p.event.replayKey ?? null)}::text[],
                ${column((p) => p.event.accountRef?.channel ?? null)}::text[], ${column((p) => p.event.accountRef?.externalAccountId ?? null)}::text[]
              ) with ordinality as i(platform, format, source, body, account_id, replay_key, account_channel, account_external_id, ord)
            ), claimed as (
              insert into webhook_replay_claims (key, expires_at)
              select replay_key, now() + ${replayWindowMs}::int * interval '1 millisecond' from input where replay_key is not null
              -- An expired claim not yet pruned is taken over, as if it were gone.
              on conflict (key) do update set expires_at = excluded.expires_at
                where webhook_replay_claims.expires_at <= now()
              returning key
            ), inserted as (
              insert into inbound_events (platform, format, source, body, account_id)
              select platform, format, source, body,
                     coalesce(account_id, (select a.id from connected_accounts a
                                           where a.channel = input.account_channel and a.external_account_id = input.account_external_id
                                           limit 1))
              from input
              where replay_key is null or replay_key in (select key from claimed)
              order by ord
              returning id
            )
            select (select array_agg(key) from claimed) as claimed,
                   (select array_agg(id order by id) from inserted) as ids`,
      );
      const claimed = new Set(result?.claimed ?? []);
      const stored = leaders.filter((p) => !p.event.replayKey || claimed.has(p.event.replayKey));
      const ids = result?.ids ?? [];
      if (ids.length !== stored.length) throw new Error(`inserted ${ids.length} of ${stored.length} events`);
      // Identity values grow in the order the rows were inserted, which is the input's order.
      const idOf = new Map(stored.map((p, i) => [p, Number(ids[i])]));
      for (const leader of leaders) {
        const id = idOf.get(leader);
        leader.resolve(id === undefined ? { repeat: true, eventId: null } : { repeat: false, eventId: id });
        settleFollowers(leader, (f) => f.resolve({ repeat: true, eventId: null }));
      }
    } catch (error) {
      // Nothing of the batch was stored (one statement): the platforms retry after a 503, not a 500.
      logger?.error("could not store webhook deliveries", { deliveries: batch.length, error: describeError(error) });
      const unavailable = new ApiError("unavailable", "The delivery could not be stored right now; retry shortly.", {
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
      for (const leader of leaders) {
        leader.reject(unavailable);
        settleFollowers(leader, (f) => f.reject(unavailable));
      }
    }
  }

  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        try {
          await writeBatch(batch);
        } finally {
          for (const pending of batch) queuedBytes -= pending.bytes;
        }
      }
    } finally {
      flushing = false;
    }
  }

  return {
    write(event) {
      // A bounded queue: when the database falls this far behind, refuse quickly (the platform
      // retries later) rather than hold ever more requests and their bodies in memory.
      if (backlog.behind()) {
        return Promise.reject(
          new ApiError("unavailable", "Deliveries are waiting to be processed; retry shortly.", { retryAfterSeconds: RETRY_AFTER_SECONDS }),
        );
      }
      const bytes = Buffer.byteLength(event.body, "utf8");
      if (queue.length >= maxQueued || (queuedBytes > 0 && queuedBytes + bytes > maxQueuedBytes)) {
        return Promise.reject(
          new ApiError("unavailable", "Too many deliveries are waiting to be stored; retry shortly.", { retryAfterSeconds: RETRY_AFTER_SECONDS }),
        );
      }
      return new Promise<AcceptedDelivery>((resolve, reject) => {
        // An unknown format is this request's fault alone: refuse it before it joins a batch.
        const platform = connectors.platformOfFormat(event.format);
        queue.push({ event, platform, bytes, resolve, reject });
        queuedBytes += bytes;
        // Let the requests already parsed in this turn of the event loop join the batch.
        setImmediate(() => void flush());
      });
    },
  };
}
