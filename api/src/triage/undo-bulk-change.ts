import { and, eq, isNull, sql } from "drizzle-orm";
import type { BulkUndoResult } from "@surgedesk/shared";
import type { Actor } from "../auth/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Database } from "../db/client.ts";
import type { Executor } from "../db/types.ts";
import { bulkActionItems, bulkActions, labelCorrections, messages } from "../db/schema/index.ts";
import { ApiError } from "../errors/api-error.ts";
import type { EventBus } from "../events/event-bus.ts";
import { applyMessageChange, lockMessages, type LockedMessage } from "./apply-message-change.ts";
import { changeOfFieldValues, diffMessage, type FieldValues } from "./message-change.ts";
import { undoBulkTagChange } from "./bulk-tag-change.ts";

/**
 * Puts back what a bulk change altered. A message someone changed again since keeps its newer
 * state (its fields no longer read as the bulk change left them): undo never overwrites a
 * colleague's later work. Label corrections the bulk change recorded are withdrawn, so
 * retraining does not learn from a mistake.
 */
export async function undoBulkChange(deps: { db: Database; events: EventBus }, actor: Actor, bulkActionId: string): Promise<BulkUndoResult> {
  const outcome = await deps.db.transaction(async (tx) => {
    const [bulk] = await tx
      .select()
      .from(bulkActions)
      .where(and(eq(bulkActions.id, bulkActionId), eq(bulkActions.workspaceId, actor.workspaceId)))
      .for("update");
    if (!bulk) throw new ApiError("not_found", "No bulk change with that id.");
    if (bulk.undoneAt) throw new ApiError("validation_failed", "This bulk change was already undone.");
    const items = await tx.select().from(bulkActionItems).where(eq(bulkActionItems.bulkActionId, bulkActionId));
    if (bulk.action === "tag" || bulk.action === "untag") {
      const undone = await undoBulkTagChange(tx, actor, bulk, items);
      await finish(tx, undone.restored.length, undone.skipped);
      return undone;
    }
    const locked = await lockMessages(
      tx,
      actor.workspaceId,
      sql`${messages.id} = any(${sql.param(items.map((item) => item.messageId))}::text[])`,
      items.length,
    );
    const current = new Map(locked.map((message) => [message.id, message]));

    // Messages still as the bulk change left them, grouped by what they go back to.
    const groups = new Map<string, { before: FieldValues; targets: LockedMessage[] }>();
    let skipped = 0;
    for (const item of items) {
      const message = current.get(item.messageId);
      const after = item.after as FieldValues;
      const untouched = message && Object.keys(diffMessage(message, changeOfFieldValues(after)).after).length === 0;
      if (!untouched) {
        skipped += 1;
        continue;
      }
      const key = JSON.stringify(item.before);
      const group = groups.get(key) ?? { before: item.before as FieldValues, targets: [] };
      group.targets.push(message);
      groups.set(key, group);
    }
    const restored: string[] = [];
    for (const { before, targets } of groups.values()) {
      const applied = await applyMessageChange(tx, {
        actor,
        targets,
        change: changeOfFieldValues(before),
        auditAction: "message.bulk_undo",
        bulkActionId,
        recordCorrections: false,
      });
      restored.push(...applied.map((a) => a.id));
    }
    if (bulk.action === "label" || bulk.action === "mark_spam") {
      await tx
        .delete(labelCorrections)
        .where(
          and(
            sql`${labelCorrections.messageId} = any(${sql.param(restored)}::text[])`,
            sql`${labelCorrections.createdAt} >= ${bulk.createdAt.toISOString()}::timestamptz`,
            bulk.actorUserId ? eq(labelCorrections.userId, bulk.actorUserId) : isNull(labelCorrections.userId),
          ),
        );
    }
    await finish(tx, restored.length, skipped);
    return { restored, skipped };

    async function finish(tx: Executor, restoredCount: number, skippedCount: number) {
      await tx.update(bulkActions).set({ undoneAt: new Date(), undoneByUserId: actor.userId }).where(eq(bulkActions.id, bulkActionId));
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        action: "bulk.undo",
        entityType: "bulk_action",
        entityId: bulkActionId,
        before: { changed: bulk!.changed },
        after: { restored: restoredCount, skipped: skippedCount },
      });
    }
  });
  if (outcome.restored.length > 0) {
    deps.events.publish({ type: "messages", workspaceId: actor.workspaceId, change: "updated", ids: outcome.restored });
  }
  return { restored: outcome.restored.length, skipped: outcome.skipped };
}
