import { sql, type SQL } from "drizzle-orm";
import { addIntArraysSql } from "./label-arrays.ts";

/** Counter columns of `spike_metrics` that an UPSERT adds to. */
export const ADDED_COLUMNS = [
  "received",
  "comments",
  "dms",
  "outbound",
  "negative",
  "escalation_medium",
  "escalation_high",
  "handled",
  "replies_sent",
  "first_responses",
  "first_response_seconds_sum",
] as const;
/** Per-label (and histogram) integer arrays of `spike_metrics`, added element by element. */
export const ADDED_ARRAYS = ["label_counts", "handled_label_counts", "first_response_histogram"] as const;

/**
 * The `on conflict … do update` every writer shares: counters and per-label arrays are added,
 * the watermark keeps the newest time. Writers feed rows ordered by the key, so concurrent
 * batches lock bucket rows in one global order and cannot deadlock.
 */
export const mergeMetricsSql: SQL = sql.join(
  [
    sql`on conflict (workspace_id, series_kind, series_id, bucket_seconds, bucket_start) do update set `,
    sql.join(
      [
        ...ADDED_COLUMNS.map((c) => sql.raw(`${c} = spike_metrics.${c} + excluded.${c}`)),
        ...ADDED_ARRAYS.map((c) => sql`${sql.raw(c)} = ${addIntArraysSql(sql.raw(`spike_metrics.${c}`), sql.raw(`excluded.${c}`))}`),
        sql`last_event_at = greatest(spike_metrics.last_event_at, excluded.last_event_at)`,
        sql`updated_at = excluded.updated_at`,
      ],
      sql`, `,
    ),
  ],
  sql``,
);

/**
 * The series a message counts in, as a lateral subquery over `m` (a messages row): its platform,
 * its post, and every campaign its post belongs to. DMs have no post: they count on the platform.
 */
export const seriesOfMessageSql: SQL = sql`lateral (
  select 'platform'::text as kind, m.platform::text as id
  union all select 'post', m.post_id where m.post_id is not null
  union all select 'campaign', cp.campaign_id from campaign_posts cp where cp.post_id = m.post_id
) as s`;
