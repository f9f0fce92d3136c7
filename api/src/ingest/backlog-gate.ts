import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client.ts";

export interface BacklogGate {
  /** True while ingestion is further behind than allowed (the last answer; refreshed in the background). */
  behind(): boolean;
}

/**
 * Backpressure from the processing side. The accept path takes deliveries faster than the
 * worker can process them during a surge; what it acknowledged then waits, and past some point
 * the queues the agents work from are stale by minutes. Once the oldest delivery waiting for
 * its first try was received more than `maxLagMs` ago, new deliveries are refused (503 with
 * Retry-After: the platforms send them again later) until the worker has caught up, so the lag
 * stays bounded instead of growing with the surge. Shared by every process: it reads the
 * database, at most once every `checkEveryMs`, never on a request's own path (a request reads
 * the last answer).
 */
export function createBacklogGate(db: Database, { maxLagMs, checkEveryMs = 1000 }: { maxLagMs: number; checkEveryMs?: number }): BacklogGate {
  let behind = false;
  let checkedAt = -Infinity;
  let checking = false;
  async function check() {
    checking = true;
    try {
      // The pending index in id order: the oldest waiting delivery is its first entry. Events
      // waiting for a retry (attempts > 0) wait on purpose and do not count.
      const [row] = await queryRows<{ behind: boolean }>(
        db,
        sql`select coalesce((
              select received_at < now() - ${maxLagMs}::int * interval '1 millisecond'
              from inbound_events where status = 'pending' and attempts = 0 order by id limit 1
            ), false) as behind`,
      );
      behind = row?.behind === true;
    } catch {
      // The database is unreachable: the writer's own failures answer 503 then.
    } finally {
      checking = false;
      checkedAt = performance.now();
    }
  }
  return {
    behind() {
      if (maxLagMs > 0 && !checking && performance.now() - checkedAt >= checkEveryMs) void check();
      return behind;
    },
  };
}
