import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { orderActions } from "../../db/schema/index.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { OrderActionRow } from "./order-action-store.ts";

/**
 * Records an action's end in one transaction fenced by `attempts` (a worker that lost its row
 * records nothing): the row `done` or `failed` with the result in words, and its audit entry.
 * Returns false when the row was no longer this worker's.
 */
export async function finishOrderAction(
  db: Database,
  row: OrderActionRow,
  outcome: { status: "done" | "failed"; result: string; externalId?: string | null; lastError?: string | null; uncertainSince?: Date | null; failedSends?: number },
  now: Date,
): Promise<boolean> {
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
    await recordAudit(tx, {
      workspaceId: row.workspaceId,
      actorUserId: row.requestedByUserId,
      action: outcome.status === "done" ? "order_action.done" : "order_action.failed",
      entityType: "order_action",
      entityId: row.id,
      before: { status: "running" },
      after: { status: outcome.status, result: outcome.result, externalId: outcome.externalId ?? null, attempts: row.attempts, approvedBy: row.decidedByUserId },
    });
    return true;
  });
}
