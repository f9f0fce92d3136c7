import { sql } from "drizzle-orm";
import { recordAuditBatch } from "../audit/record-audit.ts";
import { queryRows, type Database } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import type { EventBus } from "../events/event-bus.ts";

/** Snoozes woken per statement; a large backlog is worked through over several passes. */
const BATCH = 1_000;

/**
 * Brings snoozed messages whose time has come back to the open queues, each with an audit entry
 * (no actor: the snooze ended by itself) and a live update. Safe to run in several processes:
 * rows are claimed with SKIP LOCKED. Returns how many it woke.
 */
export async function wakeSnoozed(db: Database, events: EventBus, now = new Date()): Promise<number> {
  const woken = await db.transaction(async (tx) => {
    const rows = await queryRows<{ id: string; workspace_id: string; snoozed_until: string | Date }>(
      tx,
      sql`with due as (
            select id, snoozed_until from ${messages}
            where status = 'snoozed' and snoozed_until <= ${now.toISOString()}::timestamptz
            order by snoozed_until limit ${BATCH}
            for update skip locked)
          update ${messages} as m set status = 'open', snoozed_until = null
          from due where m.id = due.id
          returning m.id, m.workspace_id, due.snoozed_until`,
    );
    await recordAuditBatch(
      tx,
      rows.map((row) => ({
        workspaceId: row.workspace_id,
        actorUserId: null,
        action: "message.snooze_ended",
        entityType: "message",
        entityId: row.id,
        before: { status: "snoozed", snoozedUntil: new Date(row.snoozed_until).toISOString() },
        after: { status: "open", snoozedUntil: null },
      })),
    );
    return rows;
  });
  const byWorkspace = new Map<string, string[]>();
  for (const row of woken) {
    const ids = byWorkspace.get(row.workspace_id);
    if (ids) ids.push(row.id);
    else byWorkspace.set(row.workspace_id, [row.id]);
  }
  for (const [workspaceId, ids] of byWorkspace) events.publish({ type: "messages", workspaceId, change: "updated", ids });
  return woken.length;
}
