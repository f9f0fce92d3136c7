import { inArray } from "drizzle-orm";
import { recordAuditBatch } from "../audit/record-audit.ts";
import type { Database } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import type { EventBus } from "../events/event-bus.ts";
import { createLeasedQueue } from "../jobs/leased-queue.ts";
import { resumeSlaClocks } from "../sla/sla-clocks.ts";

/** Snoozes woken per statement; a large backlog is worked through over several passes. */
const BATCH = 1_000;

/**
 * Brings snoozed messages whose time has come back to the open queues, each with an audit entry
 * (no actor: the snooze ended by itself) and a live update. Safe to run in several processes:
 * the due snoozes are locked, SKIP LOCKED, by the transaction that wakes them. Returns how many it woke.
 */
export async function wakeSnoozed(db: Database, events: EventBus, now = new Date()): Promise<number> {
  const snoozes = createLeasedQueue({
    table: messages,
    id: messages.id,
    order: messages.snoozedUntil,
    status: { column: messages.status, queued: "snoozed" },
    dueAt: messages.snoozedUntil,
    now: () => now,
  });
  const woken = await db.transaction(async (tx) => {
    const due = await snoozes.lockDue(tx, { limit: BATCH });
    if (due.length === 0) return [];
    await tx
      .update(messages)
      .set({ status: "open", snoozedUntil: null })
      .where(inArray(messages.id, due.map((m) => m.id)));
    // The SLA clocks stopped by the snoozes run again.
    for (const workspaceId of new Set(due.map((m) => m.workspaceId))) {
      await resumeSlaClocks(tx, workspaceId, due.filter((m) => m.workspaceId === workspaceId).map((m) => m.id), now);
    }
    await recordAuditBatch(
      tx,
      due.map((message) => ({
        workspaceId: message.workspaceId,
        actorUserId: null,
        action: "message.snooze_ended",
        entityType: "message",
        entityId: message.id,
        before: { status: "snoozed", snoozedUntil: message.snoozedUntil!.toISOString() },
        after: { status: "open", snoozedUntil: null },
      })),
    );
    return due;
  });
  const byWorkspace = new Map<string, string[]>();
  for (const message of woken) {
    const ids = byWorkspace.get(message.workspaceId);
    if (ids) ids.push(message.id);
    else byWorkspace.set(message.workspaceId, [message.id]);
  }
  for (const [workspaceId, ids] of byWorkspace) events.publish({ type: "messages", workspaceId, change: "updated", ids });
  return woken.length;
}
