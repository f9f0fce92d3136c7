import { and, eq, sql, type SQL } from "drizzle-orm";
import { BULK_FILTER_MAX, type BulkChange, type BulkRequest, type BulkResult } from "@surgedesk/shared";
import type { Actor } from "../auth/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { queryRows } from "../db/client.ts";
import { bulkActionItems, bulkActions, messages } from "../db/schema/index.ts";
import type { Executor } from "../db/types.ts";
import { ApiError } from "../errors/api-error.ts";
import { newId } from "../lib/ids.ts";
import { addTag, removeTag } from "../tags/item-tags.ts";
import { findTag } from "../tags/tag-store.ts";
import type { BulkDeps } from "./run-bulk-change.ts";

type TagBulkChange = Extract<BulkChange, { action: "tag" | "untag" }>;

/**
 * Puts a tag on (or takes it off) a selection or everything a filter matched, in one
 * transaction. Each item changed is kept in `bulk_action_items` (`{ tagged: false → true }`) so
 * the whole change can be undone; items that already were so are left out of it.
 */
export async function runBulkTagChange(deps: BulkDeps, actor: Actor, request: BulkRequest, change: TagBulkChange, where: SQL): Promise<BulkResult> {
  const outcome = await deps.db.transaction(async (tx) => {
    const tag = await findTag(tx, actor.workspaceId, change.tagId);
    if (!tag) throw new ApiError("validation_failed", "That tag is not one of this workspace's tags.");
    const ids = (
      await queryRows<{ id: string }>(
        tx,
        sql`select id from ${messages} where ${and(eq(messages.workspaceId, actor.workspaceId), where)} order by id limit ${BULK_FILTER_MAX + 1}`,
      )
    ).map((row) => row.id);
    if (ids.length > BULK_FILTER_MAX) {
      throw new ApiError("validation_failed", `This would change more than ${BULK_FILTER_MAX.toLocaleString("en")} messages at once; narrow the filter.`);
    }
    const bulkActionId = newId("bulk");
    const tagging = { actor, tag: { id: tag.id, name: tag.name }, messageIds: ids, auditAction: "message.bulk_update", auditExtra: { bulkActionId } };
    const changed = change.action === "tag" ? await addTag(tx, tagging) : await removeTag(tx, tagging);
    if (changed.length === 0) return { bulkActionId: null, matched: ids.length, changed };
    await tx.insert(bulkActions).values({ id: bulkActionId, workspaceId: actor.workspaceId, actorUserId: actor.userId, action: change.action, request, changed: changed.length });
    const tagged = change.action === "tag";
    await tx.execute(
      sql`insert into ${bulkActionItems} (bulk_action_id, message_id, before, after)
          select ${bulkActionId}, id, ${JSON.stringify({ tagId: tag.id, tagged: !tagged })}::jsonb, ${JSON.stringify({ tagId: tag.id, tagged })}::jsonb
          from unnest(${sql.param(changed)}::text[]) as id`,
    );
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "bulk.apply",
      entityType: "bulk_action",
      entityId: bulkActionId,
      before: null,
      after: { request, matched: ids.length, changed: changed.length },
    });
    return { bulkActionId, matched: ids.length, changed };
  });
  if (outcome.changed.length > 0) deps.events.publish({ type: "messages", workspaceId: actor.workspaceId, change: "updated", ids: outcome.changed });
  return { bulkActionId: outcome.bulkActionId, matched: outcome.matched, changed: outcome.changed.length, failed: [] };
}

/**
 * Undoes a bulk tag or untag: the tag comes off (or goes back on) the items that still read as
 * the change left them; an item a colleague re-tagged or untagged since is skipped. A tag deleted
 * since has nothing to put back: every item is skipped.
 */
export async function undoBulkTagChange(
  tx: Executor,
  actor: Actor,
  bulk: { id: string; action: string },
  items: readonly { messageId: string; after: Record<string, unknown> }[],
): Promise<{ restored: string[]; skipped: number }> {
  const tagId = String(items[0]?.after["tagId"] ?? "");
  const tag = tagId ? await findTag(tx, actor.workspaceId, tagId) : null;
  if (!tag) return { restored: [], skipped: items.length };
  const tagging = {
    actor,
    tag: { id: tag.id, name: tag.name },
    messageIds: items.map((item) => item.messageId),
    auditAction: "message.bulk_undo",
    auditExtra: { bulkActionId: bulk.id },
  };
  // Removing what is still there / adding back what is still absent skips the rest by itself.
  const restored = bulk.action === "tag" ? await removeTag(tx, tagging) : await addTag(tx, tagging);
  return { restored, skipped: items.length - restored.length };
}
