import { sql } from "drizzle-orm";
import type { Executor } from "../../db/types.ts";
import { bucketStartSql, granularitiesSql } from "./bucket-time.ts";
import { labelCountArraySql } from "./label-arrays.ts";
import { mergeMetricsSql, seriesOfMessageSql } from "./metric-upsert.ts";

/** Below this sentiment a message counts as negative (the classifier's scale is −1..1). */
export const NEGATIVE_SENTIMENT = -0.25;

/**
 * Adds newly stored messages to the spike metrics: one set-based UPSERT for the whole batch,
 * every series (platform, post, campaigns) and every granularity (1 min, 5 min, 1 h) at once.
 * Call it in the transaction that stored them, so a retried batch counts nothing twice.
 * Messages are bucketed by when they were written (`created_at`), not when they arrived.
 */
export async function recordIngestedMessages(db: Executor, messageIds: readonly string[]): Promise<void> {
  if (messageIds.length === 0) return;
  const inbound = sql`m.direction = 'inbound'`;
  const bucket = bucketStartSql(sql`m.created_at`, sql`g.sec`);
  await db.execute(sql`
    insert into spike_metrics (workspace_id, series_kind, series_id, bucket_seconds, bucket_start,
      received, comments, dms, outbound, label_counts, negative, escalation_medium, escalation_high,
      handled, handled_label_counts, replies_sent, first_responses, first_response_seconds_sum, first_response_histogram,
      last_event_at, updated_at)
    select m.workspace_id, s.kind, s.id, g.sec, ${bucket},
      count(*) filter (where ${inbound})::int,
      count(*) filter (where ${inbound} and m.kind = 'comment')::int,
      count(*) filter (where ${inbound} and m.kind = 'dm')::int,
      count(*) filter (where m.direction = 'outbound')::int,
      ${labelCountArraySql(sql`m.label`, inbound)},
      count(*) filter (where ${inbound} and (m.classification ->> 'sentiment')::float8 < ${NEGATIVE_SENTIMENT})::int,
      count(*) filter (where ${inbound} and m.escalation_level = 'medium')::int,
      count(*) filter (where ${inbound} and m.escalation_level = 'high')::int,
      0, '{}'::integer[], 0, 0, 0, '{}'::integer[],
      max(m.created_at) filter (where ${inbound}),
      now()
    from messages m
    cross join ${seriesOfMessageSql}
    cross join ${granularitiesSql}
    where m.id = any(${sql.param([...messageIds])}::text[])
    group by 1, 2, 3, 4, 5
    order by 1, 2, 3, 4, 5
    ${mergeMetricsSql}`);
}
