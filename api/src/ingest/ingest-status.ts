import { sql } from "drizzle-orm";
import type { DeadLetteredEvent, IngestStatus } from "@surgedesk/shared";
import { queryRows, type Database } from "../db/client.ts";
import { minuteOf } from "../sync/call-budget.ts";

export type { IngestStatus };

/**
 * Events given up for the workspace's connected accounts, newest first. An event is the
 * workspace's when it was stored for one of its accounts (polls, and webhooks whose account the
 * route could tell); with no workspace (a system caller), every one.
 */
export async function readDeadLetteredEvents(db: Database, workspaceId: string | null, limit = 50): Promise<DeadLetteredEvent[]> {
  const rows = await queryRows<{
    id: number | string;
    platform: string;
    format: string;
    source: string;
    account_id: string | null;
    last_error: string | null;
    attempts: number;
    received_at: Date | string;
  }>(
    db,
    sql`select e.id, e.platform, e.format, e.source, e.account_id, e.last_error, e.attempts, e.received_at
        from inbound_events e
        ${workspaceId ? sql`join connected_accounts a on a.id = e.account_id and a.workspace_id = ${workspaceId}` : sql``}
        where e.status = 'failed'
        order by e.id desc
        limit ${limit}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    platform: r.platform,
    format: r.format,
    source: r.source,
    accountId: r.account_id,
    reason: r.last_error,
    attempts: r.attempts,
    receivedAt: new Date(r.received_at).toISOString(),
  }));
}

/** What an operator checks during a spike: is ingestion keeping up, and is any account stuck? */
export async function readIngestStatus(db: Database, workspaceId: string | null, now: Date = new Date()): Promise<IngestStatus> {
  const [queue] = await queryRows<{ total: number; messages: number; pending: number; failed: number; oldest: number | null }>(
    db,
    // A workspace sees the deliveries stored for its own accounts and its own messages: how
    // busy another brand is, is not its business.
    sql`select
          count(*)::int as total,
          (select count(*) from messages ${workspaceId ? sql`where workspace_id = ${workspaceId}` : sql``})::int as messages,
          count(*) filter (where e.status = 'pending')::int as pending,
          count(*) filter (where e.status = 'failed')::int as failed,
          extract(epoch from (now() - min(e.received_at) filter (where e.status = 'pending')))::float8 as oldest
        from inbound_events e
        ${workspaceId ? sql`join connected_accounts a on a.id = e.account_id and a.workspace_id = ${workspaceId}` : sql``}`,
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
  // Each rate-limited endpoint's use in the current minute (an endpoint unused this minute shows 0
  // of the budget it was last used under).
  const budgets = await queryRows<{ account_id: string; endpoint: string; used: number; per_minute: number }>(
    db,
    sql`select distinct on (b.account_id, b.endpoint) b.account_id, b.endpoint,
               case when b.window_start = ${minuteOf(now).toISOString()}::timestamptz then b.used else 0 end as used, b.per_minute
        from platform_call_budgets b
        ${workspaceId ? sql`join connected_accounts a on a.id = b.account_id and a.workspace_id = ${workspaceId}` : sql``}
        order by b.account_id, b.endpoint, b.window_start desc`,
  );
  const budgetsOf = (accountId: string) =>
    budgets.filter((b) => b.account_id === accountId).map((b) => ({ endpoint: b.endpoint, usedThisMinute: b.used, perMinute: b.per_minute }));
  const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    totalEvents: queue?.total ?? 0,
    totalMessages: queue?.messages ?? 0,
    pendingEvents: queue?.pending ?? 0,
    failedEvents: queue?.failed ?? 0,
    oldestPendingAgeSeconds: Math.max(0, Math.round((queue?.oldest ?? 0) * 10) / 10),
    deadLettered: await readDeadLetteredEvents(db, workspaceId),
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
      callBudgets: budgetsOf(a.id),
    })),
  };
}
