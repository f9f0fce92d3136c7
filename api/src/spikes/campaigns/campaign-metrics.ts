import { sql } from "drizzle-orm";
import type { Executor } from "../../db/types.ts";
import { ADDED_ARRAYS, ADDED_COLUMNS, mergeMetricsSql } from "../metrics/metric-upsert.ts";

// The campaign rows carry the same counters as the post rows they are summed from.
const COUNTERS = ADDED_COLUMNS;
const ARRAYS = ADDED_ARRAYS;

/**
 * Adds (sign 1) or takes away (sign −1) one post's whole history in a campaign's series, so a
 * campaign's buckets always equal the sum of its posts' — also for the past — when an admin
 * adds or removes a post. One statement per post (a statement may not update a row twice).
 */
export async function applyPostToCampaign(db: Executor, workspaceId: string, campaignId: string, postId: string, sign: 1 | -1): Promise<void> {
  const counters = COUNTERS.map((c) => sql.raw(`${sign} * ${c}`));
  const arrays = ARRAYS.map((c) => sql.raw(`coalesce((select array_agg(${sign} * x order by n) from unnest(${c}) with ordinality as u(x, n)), '{}'::integer[])`));
  await db.execute(sql`
    insert into spike_metrics (workspace_id, series_kind, series_id, bucket_seconds, bucket_start,
      ${sql.raw(COUNTERS.join(", "))}, ${sql.raw(ARRAYS.join(", "))}, last_event_at, updated_at)
    select workspace_id, 'campaign', ${campaignId}, bucket_seconds, bucket_start,
      ${sql.join(counters, sql`, `)}, ${sql.join(arrays, sql`, `)}, ${sign === 1 ? sql`last_event_at` : sql`null::timestamptz`}, now()
    from spike_metrics
    where workspace_id = ${workspaceId} and series_kind = 'post' and series_id = ${postId}
    order by bucket_seconds, bucket_start
    ${mergeMetricsSql}`);
}
