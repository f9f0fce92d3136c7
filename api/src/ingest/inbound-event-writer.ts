import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client.ts";
import { shippedConnectors, type ConnectorRegistry } from "../connectors/registry.ts";
import type { NewInboundEvent } from "./new-inbound-event.ts";
import { ApiError } from "../errors/api-error.ts";

interface Pending {
  event: NewInboundEvent;
  platform: string;
  resolve(id: number): void;
  reject(error: unknown): void;
}

export interface InboundEventWriter {
  /** Resolves with the event's id once it is committed: only then may the sender get its 200. */
  write(event: NewInboundEvent): Promise<number>;
}

/**
 * Group commit for webhook deliveries. One INSERT per request caps a webhook near the database's
 * round-trip rate (~2k/s on PostgreSQL here); instead, requests that arrive while a write is in
 * flight are gathered and written together in one multi-row INSERT, and each still waits for its
 * own row to be durable before it is acknowledged.
 */
export function createInboundEventWriter(
  db: Database,
  { maxBatch = 1000, maxQueued = 20_000, connectors = shippedConnectors }: { maxBatch?: number; maxQueued?: number; connectors?: ConnectorRegistry } = {},
): InboundEventWriter {
  let queue: Pending[] = [];
  let flushing = false;

  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        try {
          // unnest keeps the statement's parameter count at five whatever the batch size, and
          // PostgreSQL returns the rows of an INSERT … SELECT in the order they were produced.
          const rows = await queryRows<{ id: number | string }>(
            db,
            sql`insert into inbound_events (platform, format, source, body, account_id)
                select * from unnest(
                  ${sql.param(batch.map((p) => p.platform))}::text[],
                  ${sql.param(batch.map((p) => p.event.format))}::text[],
                  ${sql.param(batch.map((p) => p.event.source))}::text[],
                  ${sql.param(batch.map((p) => p.event.body))}::text[],
                  ${sql.param(batch.map((p) => p.event.accountId ?? null))}::text[]
                )
                returning id`,
          );
          if (rows.length !== batch.length) throw new Error(`inserted ${rows.length} of ${batch.length} events`);
          batch.forEach((pending, i) => pending.resolve(Number(rows[i]!.id)));
        } catch (error) {
          for (const pending of batch) pending.reject(error);
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
      if (queue.length >= maxQueued) {
        return Promise.reject(new ApiError("unavailable", "Too many deliveries are waiting to be stored; retry shortly.", { retryAfterSeconds: 5 }));
      }
      return new Promise<number>((resolve, reject) => {
        // An unknown format is this request's fault alone: refuse it before it joins a batch.
        const platform = connectors.platformOfFormat(event.format);
        queue.push({ event, platform, resolve, reject });
        // Let the requests already parsed in this turn of the event loop join the batch.
        setImmediate(() => void flush());
      });
    },
  };
}
