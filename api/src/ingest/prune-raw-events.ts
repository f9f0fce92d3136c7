import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { inboundEvents, messages } from "../db/schema/index.ts";

/**
 * Deletes raw deliveries processed more than `retentionDays` ago: they hold personal data, and
 * once processed the messages they became are the record. Pending and failed events are never
 * pruned (they are not done). Their messages keep everything but the link to the raw event.
 * At most `batch` a transaction; several processes may run it at once (SKIP LOCKED).
 */
export async function pruneRawEvents(db: Database, { retentionDays, batch = 5_000 }: { retentionDays: number; batch?: number }): Promise<number> {
  let total = 0;
  for (;;) {
    const pruned = await db.transaction(async (tx) => {
      const doomed = await tx
        .select({ id: inboundEvents.id })
        .from(inboundEvents)
        .where(and(eq(inboundEvents.status, "processed"), lt(inboundEvents.processedAt, sql`now() - ${retentionDays}::int * interval '1 day'`)))
        .limit(batch)
        .for("update", { skipLocked: true });
      if (doomed.length === 0) return 0;
      const ids = doomed.map((d) => d.id);
      await tx.update(messages).set({ inboundEventId: null }).where(inArray(messages.inboundEventId, ids));
      await tx.delete(inboundEvents).where(inArray(inboundEvents.id, ids));
      return ids.length;
    });
    total += pruned;
    if (pruned < batch) return total;
  }
}
