import { and, eq, lte, sql, type SQL } from "drizzle-orm";
import { BULK_FILTER_MAX, BULK_HIDE_MAX, type BulkRequest, type BulkResult } from "@surgedesk/shared";
import type { Actor } from "../auth/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Config } from "../config.ts";
import { queryRows, type Database } from "../db/client.ts";
import { bulkActionItems, bulkActions, messages } from "../db/schema/index.ts";
import { ApiError } from "../errors/api-error.ts";
import type { ConnectorRegistry } from "../connectors/registry.ts";
import type { EventBus } from "../events/event-bus.ts";
import { newId } from "../lib/ids.ts";
import { itemsOf } from "../conversations/item-of.ts";
import { filterConditions } from "../queues/message-filter-sql.ts";
import { applyMessageChange, lockMessages } from "./apply-message-change.ts";
import { resolveAssignee } from "./assignees.ts";
import { hideComments } from "./hide-comments.ts";
import { changeOfBulkAction } from "./message-change.ts";
import { runBulkTagChange } from "./bulk-tag-change.ts";

export interface BulkDeps {
  db: Database;
  config: Config;
  connectors: ConnectorRegistry;
  events: EventBus;
}

/** The messages a bulk target names: the selection, or the filter as the agent counted it. */
async function targetCondition(db: Database, actor: Actor, request: BulkRequest): Promise<SQL> {
  const { target } = request;
  // Hiding acts on the very comments selected; every other change on their items.
  if ("ids" in target) return request.change.action === "hide" ? sql`${messages.id} = any(${sql.param(target.ids)}::text[])` : itemsOf(target.ids);
  const scope = { workspaceId: actor.workspaceId, userId: actor.userId, now: new Date(target.asOf) };
  return and(...filterConditions(target.filter, scope), lte(messages.receivedAt, new Date(target.asOf)))!;
}

const tooMany = (max: number) =>
  new ApiError("validation_failed", `This would change more than ${max.toLocaleString("en")} messages at once; narrow the filter.`);

/**
 * Applies one change to a selection or to everything a filter matches, in one transaction, and
 * keeps what each message was so the whole change can be undone. Hiding is the exception: it
 * calls the platforms one comment at a time and cannot be undone from here.
 */
export async function runBulkChange(deps: BulkDeps, actor: Actor, request: BulkRequest): Promise<BulkResult> {
  const where = await targetCondition(deps.db, actor, request);
  const { change } = request;

  if (change.action === "hide") {
    // A filter hides its visible comments; a selection reports each DM it could not hide.
    const scoped = "filter" in request.target ? and(where, eq(messages.kind, "comment"), eq(messages.visibility, "visible"))! : where;
    const ids = (
      await queryRows<{ id: string }>(
        deps.db,
        sql`select id from ${messages} where ${and(eq(messages.workspaceId, actor.workspaceId), scoped)} order by id limit ${BULK_HIDE_MAX + 1}`,
      )
    ).map((row) => row.id);
    if (ids.length > BULK_HIDE_MAX) throw tooMany(BULK_HIDE_MAX);
    const hidden = await hideComments(deps, actor, ids);
    if (hidden.hidden.length > 0) deps.events.publish({ type: "messages", workspaceId: actor.workspaceId, change: "updated", ids: hidden.hidden });
    return { bulkActionId: null, matched: ids.length, changed: hidden.hidden.length, failed: hidden.failed };
  }

  if (change.action === "tag" || change.action === "untag") return runBulkTagChange(deps, actor, request, change, where);

  const assigneeId = change.action === "assign" ? await resolveAssignee(deps.db, actor, change.assigneeId) : undefined;
  const messageChange = changeOfBulkAction(change, assigneeId);
  const outcome = await deps.db.transaction(async (tx) => {
    const targets = await lockMessages(tx, actor.workspaceId, where, BULK_FILTER_MAX + 1);
    if (targets.length > BULK_FILTER_MAX) throw tooMany(BULK_FILTER_MAX);
    const bulkActionId = newId("bulk");
    const applied = await applyMessageChange(tx, {
      actor,
      targets,
      change: messageChange,
      auditAction: "message.bulk_update",
      bulkActionId,
    });
    if (applied.length === 0) return { bulkActionId: null, matched: targets.length, applied };
    await tx.insert(bulkActions).values({
      id: bulkActionId,
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: change.action,
      request,
      changed: applied.length,
    });
    const column = <T>(pick: (item: (typeof applied)[number]) => T) => sql.param(applied.map(pick));
    await tx.execute(
      sql`insert into ${bulkActionItems} (bulk_action_id, message_id, before, after)
          select ${bulkActionId}, * from unnest(${column((a) => a.id)}::text[],
            ${column((a) => JSON.stringify(a.before))}::jsonb[], ${column((a) => JSON.stringify(a.after))}::jsonb[])`,
    );
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "bulk.apply",
      entityType: "bulk_action",
      entityId: bulkActionId,
      before: null,
      after: { request, matched: targets.length, changed: applied.length },
    });
    return { bulkActionId, matched: targets.length, applied };
  });
  if (outcome.applied.length > 0) {
    deps.events.publish({ type: "messages", workspaceId: actor.workspaceId, change: "updated", ids: outcome.applied.map((a) => a.id) });
  }
  return { bulkActionId: outcome.bulkActionId, matched: outcome.matched, changed: outcome.applied.length, failed: [] };
}
