import { eq } from "drizzle-orm";
import type { MessagePatch } from "@surgedesk/shared";
import type { Actor } from "../auth/actor.ts";
import type { Database } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import { applyMessageChange, lockMessages } from "../triage/apply-message-change.ts";
import { resolveAssignee } from "../triage/assignees.ts";
import { normalizeChange, type MessageChange } from "../triage/message-change.ts";

/**
 * Applies an agent's change to one message, atomically with its audit entry: label (stored as a
 * correction for the next training run), status, snooze, assignee ("me" is the actor).
 * Returns false when no such message exists in the actor's workspace.
 */
export async function updateMessage(db: Database, actor: Pick<Actor, "userId" | "workspaceId">, id: string, patch: MessagePatch) {
  const change: MessageChange = {};
  if (patch.status) change.status = patch.status;
  if (patch.snoozedUntil) change.snoozedUntil = new Date(patch.snoozedUntil);
  if (patch.label) change.label = patch.label;
  if (patch.assigneeId !== undefined) change.assigneeId = await resolveAssignee(db, actor, patch.assigneeId);
  return db.transaction(async (tx) => {
    const [target] = await lockMessages(tx, actor.workspaceId, eq(messages.id, id), 1);
    if (!target) return false;
    await applyMessageChange(tx, { actor, targets: [target], change: normalizeChange(change), auditAction: "message.update" });
    return true;
  });
}
