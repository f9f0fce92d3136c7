import { sql } from "drizzle-orm";
import { LABELS, SPIKE_BUCKET_SECONDS } from "@surgedesk/shared";
import { queryRows, type Database } from "../../db/client.ts";
import { bucketStartMs } from "./bucket-time.ts";
import { NEGATIVE_SENTIMENT } from "./record-ingested-messages.ts";
import { labelCountsOf } from "./label-arrays.ts";

export interface RecountedBucket {
  received: number;
  comments: number;
  dms: number;
  outbound: number;
  labelCounts: number[];
  negative: number;
  escalationMedium: number;
  escalationHigh: number;
}

/**
 * Counts everything the metrics count on arrival again, from the messages themselves: the
 * reference the incremental buckets must equal (tests, and `pnpm eval:spikes` after a run).
 * Keys are `kind:id:bucketSeconds:bucketStartMs`. Also the backlog now per series and label.
 */
export async function recountSpikeMetrics(db: Database, workspaceId: string) {
  const rows = await queryRows<{
    created_at: string | Date;
    direction: string;
    kind: string;
    label: string | null;
    sentiment: number | null;
    escalation_level: string | null;
    status: string;
    answered: boolean;
    platform: string;
    post_id: string | null;
    campaigns: string[] | null;
  }>(
    db,
    sql`select m.created_at, m.direction, m.kind, m.label, (m.classification ->> 'sentiment')::float8 as sentiment, m.escalation_level,
               m.status, (r.message_id is not null) as answered, m.platform, m.post_id,
               array_remove(array_agg(cp.campaign_id), null) as campaigns
        from messages m
        left join campaign_posts cp on cp.post_id = m.post_id
        left join message_first_responses r on r.message_id = m.id
        where m.workspace_id = ${workspaceId}
        group by m.id, r.message_id`,
  );
  const buckets = new Map<string, RecountedBucket>();
  const backlog = new Map<string, number[]>();
  for (const row of rows) {
    const series = [`platform:${row.platform}`, ...(row.post_id ? [`post:${row.post_id}`] : []), ...(row.campaigns ?? []).map((c) => `campaign:${c}`)];
    const inbound = row.direction === "inbound";
    const labelAt = row.label ? LABELS.indexOf(row.label as (typeof LABELS)[number]) : -1;
    for (const s of series) {
      for (const seconds of SPIKE_BUCKET_SECONDS) {
        const key = `${s}:${seconds}:${bucketStartMs(new Date(row.created_at), seconds)}`;
        let b = buckets.get(key);
        if (!b) buckets.set(key, (b = { received: 0, comments: 0, dms: 0, outbound: 0, labelCounts: labelCountsOf([]), negative: 0, escalationMedium: 0, escalationHigh: 0 }));
        if (!inbound) {
          b.outbound += 1;
          continue;
        }
        b.received += 1;
        if (row.kind === "comment") b.comments += 1;
        else b.dms += 1;
        if (labelAt >= 0) b.labelCounts[labelAt]! += 1;
        if (row.sentiment !== null && row.sentiment < NEGATIVE_SENTIMENT) b.negative += 1;
        if (row.escalation_level === "medium") b.escalationMedium += 1;
        if (row.escalation_level === "high") b.escalationHigh += 1;
      }
      if (inbound && row.status === "open" && !row.answered) {
        const counts = backlog.get(s) ?? labelCountsOf([]);
        if (labelAt >= 0) counts[labelAt]! += 1;
        backlog.set(s, counts);
      }
    }
  }
  return { buckets, backlog };
}

/** The stored buckets in the same shape, plus the backlog per series and label they imply. */
export async function readStoredSpikeMetrics(db: Database, workspaceId: string) {
  const rows = await queryRows<{
    series_kind: string;
    series_id: string;
    bucket_seconds: number;
    bucket_start: string | Date;
    received: number;
    comments: number;
    dms: number;
    outbound: number;
    label_counts: number[];
    handled_label_counts: number[];
    negative: number;
    escalation_medium: number;
    escalation_high: number;
  }>(db, sql`select * from spike_metrics where workspace_id = ${workspaceId}`);
  const buckets = new Map<string, RecountedBucket>();
  const backlog = new Map<string, number[]>();
  for (const row of rows) {
    const series = `${row.series_kind}:${row.series_id}`;
    const labels = labelCountsOf(row.label_counts);
    const b: RecountedBucket = {
      received: row.received,
      comments: row.comments,
      dms: row.dms,
      outbound: row.outbound,
      labelCounts: labels,
      negative: row.negative,
      escalationMedium: row.escalation_medium,
      escalationHigh: row.escalation_high,
    };
    // Rows that only carry agents' actions have no arrivals to compare.
    if (b.received + b.outbound > 0) buckets.set(`${series}:${row.bucket_seconds}:${new Date(row.bucket_start).getTime()}`, b);
    if (row.bucket_seconds === 3600) {
      const handled = labelCountsOf(row.handled_label_counts);
      const counts = backlog.get(series) ?? labelCountsOf([]);
      labels.forEach((n, i) => (counts[i]! += n - handled[i]!));
      backlog.set(series, counts);
    }
  }
  for (const [key, counts] of backlog) if (counts.every((n) => n === 0)) backlog.delete(key);
  return { buckets, backlog };
}
