import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { orderActions } from "../../db/schema/index.ts";
import type { Note } from "@surgedesk/shared";
import { recordAudit } from "../../audit/record-audit.ts";
import { addNote } from "../../notes/note-store.ts";
import type { OrderActionRow } from "./order-action-store.ts";

/**
 * Records an action's end in one transaction fenced by `attempts` (a worker that lost its row
 * records nothing): the row `done` or `failed` with the result in words, its audit entry, and
 * the result as a note in the conversation (written by Surgedesk: no author). Returns the note,
 * or false when the row was no longer this worker's.
 */
export async function finishOrderAction(
  db: Database,
  row: OrderActionRow,
  outcome: { status: "done" | "failed"; result: string; externalId?: string | null; lastError?: string | null; uncertainSince?: Date | null; failedSends?: number },
  now: Date,
): Promise<{ note: Note | null } | false> {
  return db.transaction(async (tx) => {
    const [finished] = await tx
      .update(orderActions)
      .set({
        status: outcome.status,
        result: outcome.result,
        externalId: outcome.externalId ?? null,
        lastError: outcome.lastError ?? null,
        leaseUntil: null,
        doneAt: now,
        updatedAt: now,
        ...(outcome.uncertainSince !== undefined && { uncertainSince: outcome.uncertainSince }),
        ...(outcome.failedSends !== undefined && { failedSends: outcome.failedSends }),
      })
      .where(and(eq(orderActions.id, row.id), eq(orderActions.attempts, row.attempts), eq(orderActions.status, "running")))
      .returning();
    if (!finished) return false;
    const note = finished.messageId ? await addNote(tx, { workspaceId: row.workspaceId, messageId: finished.messageId, authorUserId: null, body: outcome.result }) : null;
    if (note) await tx.update(orderActions).set({ noteId: note.id }).where(eq(orderActions.id, row.id));
    await recordAudit(tx, {
      workspaceId: row.workspaceId,
      actorUserId: row.requestedByUserId,
      action: outcome.status === "done" ? "order_action.done" : "order_action.failed",
      entityType: "order_action",
      entityId: row.id,
      before: { status: "running" },
      after: { status: outcome.status, result: outcome.result, externalId: outcome.externalId ?? null, attempts: row.attempts, approvedBy: row.decidedByUserId },
    });
    return { note };
  });
}
