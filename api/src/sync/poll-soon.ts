import { and, eq, gt, or } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import type { Executor } from "../db/types.ts";
import { syncCursors } from "../db/schema/index.ts";
import type { ResourceRef } from "../connectors/contract.ts";

/**
 * What a webhook does to get something gathered sooner than its schedule: the first of the
 * candidates that has a cursor is made due now (a conversation the webhook named, else the list
 * that will discover it). A cursor that is already due is left as it is, and so are the rest. A
 * cursor being polled right now is brought forward too, which at worst reads a page twice; if
 * that poll finishes after this and reschedules, the list still sees the new activity within its
 * interval.
 */
export async function pollSoon(db: Database, accountId: string, candidates: readonly ResourceRef[], now: Date): Promise<ResourceRef | null> {
  for (const candidate of candidates) {
    const where = and(eq(syncCursors.accountId, accountId), eq(syncCursors.resource, candidate.resource), eq(syncCursors.resourceId, candidate.resourceId));
    const [known] = await db.select({ nextPollAt: syncCursors.nextPollAt }).from(syncCursors).where(where).limit(1);
    if (!known) continue;
    const brought = await db.update(syncCursors).set({ nextPollAt: now }).where(and(where, gt(syncCursors.nextPollAt, now))).returning({ id: syncCursors.id });
    return brought.length > 0 ? candidate : null;
  }
  return null;
}

/**
 * Makes every one of these resources that is polled due by `at` at the latest (a cursor due
 * sooner keeps its time): where a sent reply shows, so the poll after the send reads its state.
 */
export async function pollBy(db: Executor, accountId: string, resources: readonly ResourceRef[], at: Date): Promise<void> {
  if (resources.length === 0) return;
  await db
    .update(syncCursors)
    .set({ nextPollAt: at })
    .where(
      and(
        eq(syncCursors.accountId, accountId),
        gt(syncCursors.nextPollAt, at),
        or(...resources.map((r) => and(eq(syncCursors.resource, r.resource), eq(syncCursors.resourceId, r.resourceId)))),
      ),
    );
}
