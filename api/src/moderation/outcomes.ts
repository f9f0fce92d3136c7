import { and, asc, eq, sql } from "drizzle-orm";
import type { ModerationOutcome, OutcomeUndoResult } from "@surgedesk/shared";
import type { Actor } from "../auth/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Config } from "../config.ts";
import type { ConnectorRegistry } from "../connectors/registry.ts";
import type { Database } from "../db/client.ts";
import { messages, moderationOutcomes, tags } from "../db/schema/index.ts";
import { removeTag } from "../tags/item-tags.ts";
import { ApiError } from "../errors/api-error.ts";
import type { EventBus } from "../events/event-bus.ts";
import { applyMessageChange, lockMessages } from "../triage/apply-message-change.ts";
import { hideOnPlatform, selectHideTargets } from "../triage/hide-on-platform.ts";
import { changeOfFieldValues, normalizeChange, type MessageChange } from "../triage/message-change.ts";

type OutcomeRow = typeof moderationOutcomes.$inferSelect;

/** Live, done, not undone yet, and an action with something to put back (a notice has not). */
const undoable = (row: OutcomeRow) => row.mode === "live" && row.failure === null && row.after !== null && row.undoneAt === null && row.action !== "notify";

export const outcomeOf = (row: OutcomeRow): ModerationOutcome => ({
  id: row.id,
  messageId: row.messageId,
  ruleId: row.ruleId,
  ruleName: row.ruleName,
  action: row.action,
  mode: row.mode,
  failure: row.failure,
  createdAt: row.createdAt.toISOString(),
  undoneAt: row.undoneAt?.toISOString() ?? null,
  undoable: undoable(row),
});

/** What rules did (and would have done) to one message, oldest first. */
export async function listOutcomes(db: Database, workspaceId: string, messageId: string): Promise<ModerationOutcome[]> {
  const rows = await db
    .select()
    .from(moderationOutcomes)
    .where(and(eq(moderationOutcomes.workspaceId, workspaceId), eq(moderationOutcomes.messageId, messageId)))
    .orderBy(asc(moderationOutcomes.createdAt), asc(moderationOutcomes.id));
  return rows.map(outcomeOf);
}

/**
 * Undoes one thing a live rule did, from the message: a hide is made public again on the
 * platform where it can be (both shipped platforms can) and the message reopened; a resolve
 * reopens; an assignment (round robin's too) or a priority goes back to what it was, unless someone changed it since.
 */
export async function undoOutcome(
  deps: { db: Database; config: Config; connectors: ConnectorRegistry; events: EventBus },
  actor: Actor,
  outcomeId: string,
): Promise<OutcomeUndoResult> {
  const [row] = await deps.db
    .select()
    .from(moderationOutcomes)
    .where(and(eq(moderationOutcomes.id, outcomeId), eq(moderationOutcomes.workspaceId, actor.workspaceId)));
  if (!row) throw new ApiError("not_found", "No rule outcome with that id.");
  if (!undoable(row)) {
    throw new ApiError("validation_failed", row.undoneAt ? "This was already undone." : row.mode === "dry_run" ? "A dry run changed nothing to undo." : "There is nothing to undo for this.");
  }
  let note: string | null = null;
  let unhidden = false;
  if (row.action === "hide") {
    // The platform first, outside any transaction, like the hide itself.
    const [target] = await selectHideTargets(deps.db).where(eq(messages.id, row.messageId));
    if (target?.visibility === "hidden") {
      try {
        await hideOnPlatform(deps, target, { unhide: true });
        unhidden = true;
      } catch (error) {
        note = `The comment stays hidden on the platform: ${error instanceof Error ? error.message : "the platform could not be reached."}`;
      }
    }
  }
  const undone = await deps.db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(moderationOutcomes)
      .set({ undoneAt: new Date(), undoneByUserId: actor.userId })
      .where(and(eq(moderationOutcomes.id, row.id), sql`${moderationOutcomes.undoneAt} is null`))
      .returning();
    if (!claimed) throw new ApiError("conflict", "Someone undid this a moment ago.");
    if (unhidden) await tx.update(messages).set({ visibility: "visible", visibilityObservedAt: new Date() }).where(eq(messages.id, row.messageId));
    const [message] = await lockMessages(tx, actor.workspaceId, eq(messages.id, row.messageId), 1);
    const after = (row.after ?? {}) as Record<string, string | boolean | null>;
    const before = (row.before ?? {}) as Record<string, string | null>;
    // A tag comes off again (if a colleague took it off since, there is nothing to do).
    if (row.action === "tag") {
      const [tag] = await tx.select({ id: tags.id, name: tags.name }).from(tags).where(and(eq(tags.id, String(after["tagId"] ?? "")), eq(tags.workspaceId, actor.workspaceId)));
      if (tag) await removeTag(tx, { actor, tag, messageIds: [row.messageId], auditAction: "rule.undo", auditExtra: { ruleId: row.ruleId, ruleName: row.ruleName, outcomeId: row.id } });
    }
    let change: MessageChange = {};
    if (row.action === "hide" || row.action === "resolve") change = normalizeChange({ status: "open" });
    // Put back the assignee only if the rule's is still there: never overwrite a colleague's later choice.
    if ((row.action === "assign" || row.action === "assign_round_robin") && message && message.assigneeId === (after["assigneeId"] ?? null)) {
      change = { assigneeId: before["assigneeId"] ?? null };
    }
    // The same for a priority: put the level back only while the item still has the rule's.
    if (row.action === "set_priority" && message && message.escalationLevel === (after["escalationLevel"] ?? null)) {
      change = changeOfFieldValues({ escalationLevel: before["escalationLevel"] ?? null });
    }
    if (message) await applyMessageChange(tx, { actor, targets: [message], change, auditAction: "rule.undo" });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "rule.undo",
      entityType: "message",
      entityId: row.messageId,
      before: { action: row.action, ruleId: row.ruleId, ruleName: row.ruleName, outcomeId: row.id },
      after: { unhidden, note },
    });
    return claimed;
  });
  deps.events.publish({ type: "messages", workspaceId: actor.workspaceId, change: "updated", ids: [row.messageId] });
  return { outcome: outcomeOf(undone), note };
}
