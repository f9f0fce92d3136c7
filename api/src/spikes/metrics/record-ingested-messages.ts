import { sql, type SQL } from "drizzle-orm";
import { bucketStartSql, granularitiesSql } from "./bucket-time.ts";
import { labelCountArraySql } from "./label-arrays.ts";
import { mergeMetricsSql, seriesOfMessageSql } from "./metric-upsert.ts";

/** Below this sentiment a message counts as negative (the classifier's scale is −1..1). */
export const NEGATIVE_SENTIMENT = -0.25;

/**
 * The columns `ingestedMetricsUpsertSql` reads of each new message: those of `messages`, with
 * the classification's sentiment as a number (`sentiment`) instead of the whole document.
 */
export const INGESTED_METRIC_COLUMNS = sql.raw(
  `id, workspace_id, platform, post_id, kind, direction, label, escalation_level, created_at, (classification ->> 'sentiment')::float8 as sentiment`,
);

/**
 * The UPSERT that adds new messages to the spike metrics, read from `source` (a relation with
 * `INGESTED_METRIC_COLUMNS`, aliased `m`): every series (platform, post, campaigns) and every
 * granularity (1 min, 5 min, 1 h) of the whole batch at once, each bucket's delta summed before
 * the one write. Ingestion feeds it the `RETURNING` of its message INSERT, in the same
 * statement, so the batch's messages are not read back and a retried batch counts nothing
 * twice. Messages are bucketed by when they were written (`created_at`), not when they arrived.
 */
export function ingestedMetricsUpsertSql(source: SQL): SQL {
  const inbound = sql`m.direction = 'inbound'`;
  const bucket = bucketStartSql(sql`m.created_at`, sql`g.sec`);
  return sql`
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
      count(*) filter (where ${inbound} and m.sentiment < ${NEGATIVE_SENTIMENT})::int,
      count(*) filter (where ${inbound} and m.escalation_level = 'medium')::int,
      count(*) filter (where ${inbound} and m.escalation_level = 'high')::int,
      0, '{}'::integer[], 0, 0, 0, '{}'::integer[],
      max(m.created_at) filter (where ${inbound}),
      now()
    from ${source} as m
    cross join ${seriesOfMessageSql}
    cross join ${granularitiesSql}
    group by 1, 2, 3, 4, 5
    order by 1, 2, 3, 4, 5
    ${mergeMetricsSql}`;
}
