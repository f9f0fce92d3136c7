import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client.ts";

/**
 * The minute and hour tallies of waiting messages are kept by deadline and only deadlines still
 * ahead are read (queue-counts.ts), so buckets of deadlines this long past are dropped (a day, not
 * at once: a late answer's delta still lands there, and is dropped with it).
 */
export const PAST_DEADLINE_TALLY_DAYS = 1;

/**
 * Folds a workspace's tally deltas into its tallies: one statement moves every delta it sees
 * (rows a concurrent writer commits later stay for the next fold) and adds them up per key, so a
 * read before or after it gets the same counts. Keys left at zero are removed.
 */
export async function compactQueueTallies(db: Database, workspaceId: string): Promise<number> {
  const [moved] = await queryRows<{ n: number }>(
    db,
    sql`with moved as (delete from queue_tally_deltas where workspace_id = ${workspaceId} returning *),
        folded as (
          insert into queue_tallies (workspace_id, bucket_seconds, bucket_start, status, label, needs_label, escalation_level, direction, answered, n)
          select workspace_id, bucket_seconds, bucket_start, status, label, needs_label, escalation_level, direction, answered, sum(n)::int
          from moved group by 1, 2, 3, 4, 5, 6, 7, 8, 9
          -- Concurrent folds lock tally rows in one order, so they wait for each other but never deadlock.
          order by 1, 2, 3, 4, 5, 6, 7, 8, 9
          on conflict on constraint queue_tallies_key do update set n = queue_tallies.n + excluded.n
        )
        select count(*)::int as n from moved`,
  );
  await db.execute(sql`delete from queue_tallies where workspace_id = ${workspaceId} and n = 0`);
  return moved?.n ?? 0;
}

/** Housekeeping: folds every workspace's deltas and drops the buckets of deadlines long past. */
export async function compactAllQueueTallies(db: Database, now: Date): Promise<number> {
  const workspaces = await queryRows<{ workspace_id: string }>(db, sql`select distinct workspace_id from queue_tally_deltas`);
  let moved = 0;
  for (const { workspace_id } of workspaces) moved += await compactQueueTallies(db, workspace_id);
  // Every delta row is deleted within a minute of its insert. PGlite has no autovacuum (and a
  // PostgreSQL may run with it off): the dead rows' index entries would stay, and every count
  // would step over them (143,000 of them after a million messages took the sidebar's counts from
  // ~4 to ~20 ms). A small table, vacuumed only after a fold moved something.
  if (moved > 0) await db.execute(sql`vacuum queue_tally_deltas`);
  await db.execute(
    sql`delete from queue_tallies where bucket_seconds <> 0
        and bucket_start < ${new Date(now.getTime() - PAST_DEADLINE_TALLY_DAYS * 86_400_000).toISOString()}::timestamptz`,
  );
  return moved;
}
