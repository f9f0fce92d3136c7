import { sql } from "drizzle-orm";
import { recordAuditBatch } from "../audit/record-audit.ts";
import { queryRows } from "../db/client.ts";
import type { Executor } from "../db/types.ts";

/** Who puts a tag on or takes it off: a user, or Surgedesk itself (a moderation rule: no user). */
export interface TaggingActor {
  userId: string | null;
  workspaceId: string;
}

interface TagChange {
  actor: TaggingActor;
  tag: { id: string; name: string };
  /** Items of the actor's workspace (the caller has checked, or the statement scopes them). */
  messageIds: readonly string[];
  /** `message.tag` by default; a rule writes `rule.tag`, an undo `rule.undo`. */
  auditAction?: string;
  /** Added to each audit entry's `after` (a bulk change's id, a rule's id and name). */
  auditExtra?: Record<string, unknown>;
}

/**
 * Puts a tag on items, in the caller's transaction; items that already carry it are left alone.
 * Answers the ids that were tagged now, each audited. Only items of the actor's workspace are
 * touched, whatever ids are given.
 */
export async function addTag(tx: Executor, change: TagChange): Promise<string[]> {
  if (change.messageIds.length === 0) return [];
  const rows = await queryRows<{ message_id: string }>(
    tx,
    sql`insert into item_tags (message_id, tag_id, workspace_id, added_by_user_id)
        select m.id, ${change.tag.id}, m.workspace_id, ${change.actor.userId} from messages m
        where m.id = any(${sql.param([...change.messageIds])}::text[]) and m.workspace_id = ${change.actor.workspaceId}
        on conflict do nothing
        returning message_id`,
  );
  const ids = rows.map((row) => row.message_id);
  await audit(tx, change, ids, change.auditAction ?? "message.tag", null, { tags: { added: change.tag } });
  return ids;
}

/** Takes a tag off items, in the caller's transaction; answers the ids it was taken off, each audited. */
export async function removeTag(tx: Executor, change: TagChange): Promise<string[]> {
  if (change.messageIds.length === 0) return [];
  const rows = await queryRows<{ message_id: string }>(
    tx,
    sql`delete from item_tags
        where tag_id = ${change.tag.id} and workspace_id = ${change.actor.workspaceId}
          and message_id = any(${sql.param([...change.messageIds])}::text[])
        returning message_id`,
  );
  const ids = rows.map((row) => row.message_id);
  await audit(tx, change, ids, change.auditAction ?? "message.untag", { tags: { removed: change.tag } }, null);
  return ids;
}

async function audit(tx: Executor, change: TagChange, ids: string[], action: string, before: unknown, after: unknown) {
  await recordAuditBatch(
    tx,
    ids.map((id) => ({
      workspaceId: change.actor.workspaceId,
      actorUserId: change.actor.userId,
      action,
      entityType: "message",
      entityId: id,
      before,
      after: after === null && !change.auditExtra ? null : { ...(after as object | null), ...change.auditExtra },
    })),
  );
}
