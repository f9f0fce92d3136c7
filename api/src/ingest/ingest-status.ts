import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client.ts";

export interface IngestStatus {
  /** Every raw event ever accepted, and the messages they became. */
  totalEvents: number;
  totalMessages: number;
  pendingEvents: number;
  failedEvents: number;
  /** Seconds the oldest pending event has waited; 0 when none is pending. This is the lag. */
  oldestPendingAgeSeconds: number;
  accounts: {
    id: string;
    channel: string;
    externalAccountId: string;
    handle: string | null;
    status: string;
    attentionReason: string | null;
    throttledUntil: string | null;
    lastError: string | null;
    lastErrorAt: string | null;
    cursors: { total: number; failing: number; itemsGathered: number };
  }[];
}

/** What an operator checks during a spike: is ingestion keeping up, and is any account stuck? */
export async function readIngestStatus(db: Database, workspaceId: string | null): Promise<IngestStatus> {
  const [queue] = await queryRows<{ total: number; messages: number; pending: number; failed: number; oldest: number | null }>(
    db,
    sql`select
          count(*)::int as total,
          (select count(*) from messages)::int as messages,
          count(*) filter (where status = 'pending')::int as pending,
          count(*) filter (where status = 'failed')::int as failed,
          extract(epoch from (now() - min(received_at) filter (where status = 'pending')))::float8 as oldest
        from inbound_events`,
  );
  const accounts = await queryRows<{
    id: string;
    channel: string;
    external_account_id: string;
    handle: string | null;
    status: string;
    attention_reason: string | null;
    throttled_until: Date | string | null;
    last_error: string | null;
    last_error_at: Date | string | null;
    cursors: number;
    failing: number;
    gathered: number;
  }>(
    db,
    sql`select a.id, a.channel, a.external_account_id, a.handle, a.status, a.attention_reason,
               a.throttled_until, a.last_error, a.last_error_at,
               count(c.id)::int as cursors,
               count(c.id) filter (where c.failures > 0)::int as failing,
               coalesce(sum(c.items_gathered), 0)::int as gathered
        from connected_accounts a
        left join sync_cursors c on c.account_id = a.id
        ${workspaceId ? sql`where a.workspace_id = ${workspaceId}` : sql``}
        group by a.id
        order by a.created_at`,
  );
  const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    totalEvents: queue?.total ?? 0,
    totalMessages: queue?.messages ?? 0,
    pendingEvents: queue?.pending ?? 0,
    failedEvents: queue?.failed ?? 0,
    oldestPendingAgeSeconds: Math.max(0, Math.round((queue?.oldest ?? 0) * 10) / 10),
    accounts: accounts.map((a) => ({
      id: a.id,
      channel: a.channel,
      externalAccountId: a.external_account_id,
      handle: a.handle,
      status: a.status,
      attentionReason: a.attention_reason,
      throttledUntil: iso(a.throttled_until),
      lastError: a.last_error,
      lastErrorAt: iso(a.last_error_at),
      cursors: { total: a.cursors, failing: a.failing, itemsGathered: a.gathered },
    })),
  };
}
