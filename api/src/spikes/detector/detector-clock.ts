import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.ts";

/** How long without new messages before the detector's clock falls back to the wall clock. */
export const IDLE_FALLBACK_MS = 120_000;
/** Messages dated further ahead than this are not trusted to move the clock. */
const MAX_FUTURE_MS = 5 * 60_000;

/**
 * The detector runs on event time: while messages flow, "now" is the newest message's time (the
 * watermark), so a scenario replayed at a speed-up, or a backlog delivered late, is judged on
 * its own clock. When nothing has arrived for a while, the wall clock takes over, so alerts
 * resolve after traffic stops. The watermark only moves forward; traffic dated before it still
 * counts in the metrics but is judged as late.
 */
export async function workspaceClock(db: Database, workspaceId: string, wall: Date): Promise<Date> {
  const [row] = await queryRows<{ watermark: string | Date | null; advanced: string | Date | null }>(
    db,
    sql`select max(last_event_at) as watermark, max(updated_at) as advanced from (
          select last_event_at, updated_at from spike_metrics
          where workspace_id = ${workspaceId} and bucket_seconds = 60 and series_kind = 'platform'
            and last_event_at is not null
            and bucket_start <= ${new Date(wall.getTime() + MAX_FUTURE_MS).toISOString()}::timestamptz
          order by bucket_start desc
          limit 4) as latest`,
  );
  if (!row?.watermark || !row.advanced) return wall;
  const watermark = new Date(row.watermark).getTime();
  const advanced = new Date(row.advanced).getTime();
  if (wall.getTime() - advanced > IDLE_FALLBACK_MS) return wall;
  return new Date(Math.min(watermark, wall.getTime() + MAX_FUTURE_MS));
}
