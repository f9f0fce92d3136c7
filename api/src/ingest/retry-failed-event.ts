import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { connectedAccounts, inboundEvents } from "../db/schema/index.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { inboundQueue } from "./worker.ts";

/**
 * Puts an event ingestion gave up on back in the queue, from its first attempt, audited; false
 * when no failed event of this workspace has that id (so another workspace's ids stay unknown).
 */
export async function retryFailedEvent(db: Database, { id, workspaceId, actorUserId }: { id: number; workspaceId: string; actorUserId: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [event] = await tx
      .select({ id: inboundEvents.id, attempts: inboundEvents.attempts, lastError: inboundEvents.lastError })
      .from(inboundEvents)
      .innerJoin(connectedAccounts, eq(connectedAccounts.id, inboundEvents.accountId))
      .where(and(eq(inboundEvents.id, id), eq(inboundEvents.status, "failed"), eq(connectedAccounts.workspaceId, workspaceId)))
      .for("update", { of: inboundEvents });
    if (!event) return false;
    const requeued = await inboundQueue.requeue(tx, event, { set: { nextAttemptAt: sql`null` } });
    if (!requeued) return false;
    await recordAudit(tx, {
      workspaceId,
      actorUserId,
      action: "ingest.event.retry",
      entityType: "inbound_event",
      entityId: String(id),
      // The reason is a safe description (no customer text), so it may be kept here.
      before: { status: "failed", attempts: event.attempts, reason: event.lastError },
      after: { status: "pending" },
    });
    return true;
  });
}
