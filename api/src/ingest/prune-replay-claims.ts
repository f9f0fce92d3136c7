import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client.ts";

/**
 * Deletes expired replay claims, at most `batch` per statement so a large backlog never holds
 * one long transaction; returns how many went. Several processes may run it at once: SKIP LOCKED
 * keeps them off each other's rows.
 */
export async function pruneReplayClaims(db: Database, { batch = 10_000 }: { batch?: number } = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await queryRows<{ n: number }>(
      db,
      sql`with gone as (
            delete from webhook_replay_claims where key in (
              select key from webhook_replay_claims where expires_at <= now() limit ${batch} for update skip locked
            ) returning 1
          ) select count(*)::int as n from gone`,
    );
    const n = rows[0]?.n ?? 0;
    total += n;
    if (n < batch) return total;
  }
}
