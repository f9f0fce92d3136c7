import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";

/**
 * How long each granularity is kept: minutes for the detector and the last days' charts, five
 * minutes for a month of detail, hours for good (they also carry the backlog totals).
 */
export const RETENTION_DAYS: Record<60 | 300, number> = { 60: 8, 300: 35 };

export async function pruneSpikeMetrics(db: Database, now: Date): Promise<void> {
  for (const [bucketSeconds, days] of Object.entries(RETENTION_DAYS)) {
    await db.execute(
      sql`delete from spike_metrics where bucket_seconds = ${Number(bucketSeconds)}
          and bucket_start < ${new Date(now.getTime() - days * 86_400_000).toISOString()}::timestamptz`,
    );
  }
}
