import { sql } from "drizzle-orm";
import { ISSUE_LABELS, LABELS, type SpikeOverview, type SpikeSeriesKind, type SpikeSeriesSummary } from "@surgedesk/shared";
import { queryRows, type Database } from "../../db/client.ts";
import { labelCountsOf, sumOfLabelsSql } from "../metrics/label-arrays.ts";
import { histogramMedian } from "../metrics/response-time-histogram.ts";
import { readCurrentLoad } from "./current-load.ts";
import { labelSeries } from "./series-names.ts";
import { bucketFor, windowEndingAt } from "./window.ts";

interface Ranked {
  series_id: string;
  received: number;
  issue: number;
  negative: number;
  escalations: number;
  replies: number;
}

/**
 * Ranks a kind of series by messages received in the window (one indexed range scan, summed in
 * SQL), then details the top ones: labels, response times, backlog.
 */
async function rankSeries(db: Database, workspaceId: string, kind: SpikeSeriesKind, from: Date, to: Date, bucket: number, limit: number | null) {
  return queryRows<Ranked>(
    db,
    sql`select series_id, sum(received)::int as received, sum(${sumOfLabelsSql(sql`label_counts`, ISSUE_LABELS)})::int as issue,
               sum(negative)::int as negative, sum(escalation_high + escalation_medium)::int as escalations, sum(outbound)::int as replies
        from spike_metrics
        where workspace_id = ${workspaceId} and bucket_seconds = ${bucket} and series_kind = ${kind}
          and bucket_start >= ${from.toISOString()}::timestamptz and bucket_start < ${to.toISOString()}::timestamptz
        group by series_id
        having sum(received) > 0
        order by sum(received) desc, series_id
        ${limit === null ? sql`` : sql`limit ${limit}`}`,
  );
}

async function detailSeries(db: Database, workspaceId: string, kind: SpikeSeriesKind, ids: string[], from: Date, to: Date, bucket: number) {
  if (ids.length === 0) return new Map<string, { labels: number[]; histogram: number[]; backlog: number }>();
  const inWindow = await queryRows<{ series_id: string; label_counts: number[]; first_response_histogram: number[] }>(
    db,
    sql`select series_id, label_counts, first_response_histogram from spike_metrics
        where workspace_id = ${workspaceId} and bucket_seconds = ${bucket} and series_kind = ${kind} and series_id = any(${sql.param(ids)}::text[])
          and bucket_start >= ${from.toISOString()}::timestamptz and bucket_start < ${to.toISOString()}::timestamptz`,
  );
  // The backlog is everything ever received less everything handled: the hourly rows hold it all.
  const backlogs = await queryRows<{ series_id: string; backlog: number }>(
    db,
    sql`select series_id, (sum(received) - sum(handled))::int as backlog from spike_metrics
        where workspace_id = ${workspaceId} and bucket_seconds = 3600 and series_kind = ${kind} and series_id = any(${sql.param(ids)}::text[])
        group by series_id`,
  );
  const details = new Map(ids.map((id) => [id, { labels: LABELS.map(() => 0), histogram: [] as number[], backlog: 0 }]));
  for (const row of inWindow) {
    const d = details.get(row.series_id)!;
    labelCountsOf(row.label_counts).forEach((n, i) => (d.labels[i]! += n));
    (row.first_response_histogram ?? []).forEach((n, i) => (d.histogram[i] = (d.histogram[i] ?? 0) + Number(n)));
  }
  for (const row of backlogs) details.get(row.series_id)!.backlog = row.backlog;
  return details;
}

export interface OverviewOptions {
  now: Date;
  minutes: number;
  limit: number;
}

/** Totals, top posts, campaigns and platforms by support load over the window ending now. */
export async function readOverview(db: Database, workspaceId: string, { now, minutes, limit }: OverviewOptions): Promise<SpikeOverview> {
  const bucket = bucketFor(minutes);
  const { from, to } = windowEndingAt(now, minutes, bucket);
  const openAlerts = await queryRows<{ series_kind: string; series_id: string; id: string; severity: "warning" | "critical" }>(
    db,
    sql`select series_kind, series_id, id, severity from spike_alerts where workspace_id = ${workspaceId} and status = 'open'`,
  );
  const alertOf = new Map(openAlerts.map((a) => [`${a.series_kind}:${a.series_id}`, { id: a.id, severity: a.severity }]));

  const histograms: number[][] = [];
  const ranked = {
    platform: await rankSeries(db, workspaceId, "platform", from, to, bucket, null),
    post: await rankSeries(db, workspaceId, "post", from, to, bucket, limit),
    campaign: await rankSeries(db, workspaceId, "campaign", from, to, bucket, limit),
  };
  // "Now" for every row and the header, from the one place that defines it.
  const current = await readCurrentLoad(
    db,
    workspaceId,
    (["post", "campaign", "platform"] as const).flatMap((kind) => ranked[kind].map((r) => ({ kind, id: r.series_id }))),
    now,
  );
  const summarize = async (kind: SpikeSeriesKind): Promise<SpikeSeriesSummary[]> => {
    const details = await detailSeries(db, workspaceId, kind, ranked[kind].map((r) => r.series_id), from, to, bucket);
    const names = await labelSeries(db, workspaceId, ranked[kind].map((r) => ({ kind, id: r.series_id })));
    return ranked[kind].map((r) => {
      const d = details.get(r.series_id)!;
      if (kind === "platform") histograms.push(d.histogram);
      const name = names.get(`${kind}:${r.series_id}`)!;
      return {
        kind,
        id: r.series_id,
        name: name.name,
        platform: name.platform,
        post: name.post,
        received: r.received,
        windowAveragePerMinute: Math.round((r.received / minutes) * 100) / 100,
        current: current.of(kind, r.series_id),
        issueCount: r.issue,
        issueShare: r.received > 0 ? r.issue / r.received : 0,
        negativeShare: r.received > 0 ? r.negative / r.received : 0,
        escalations: r.escalations,
        repliesSent: r.replies,
        backlog: d.backlog,
        medianFirstResponseSeconds: histogramMedian(d.histogram),
        topLabels: LABELS.map((label, i) => ({ label, count: d.labels[i] ?? 0 }))
          .filter((l) => l.count > 0)
          .sort((a, b) => b.count - a.count)
          .slice(0, 4),
        openAlert: alertOf.get(`${kind}:${r.series_id}`) ?? null,
      };
    });
  };

  const platforms = await summarize("platform");
  const sum = (pick: (s: SpikeSeriesSummary) => number) => platforms.reduce((n, s) => n + pick(s), 0);
  const received = sum((s) => s.received);
  const labels = new Map<string, number>();
  for (const p of platforms) for (const l of p.topLabels) labels.set(l.label, (labels.get(l.label) ?? 0) + l.count);
  const merged: number[] = [];
  for (const h of histograms) h.forEach((n, i) => (merged[i] = (merged[i] ?? 0) + n));
  return {
    now: now.toISOString(),
    minutes,
    currentWindow: current.window,
    totals: {
      received,
      windowAveragePerMinute: Math.round((received / minutes) * 100) / 100,
      current: current.total,
      issueCount: sum((s) => s.issueCount),
      issueShare: received > 0 ? sum((s) => s.issueCount) / received : 0,
      negativeShare: received > 0 ? sum((s) => s.negativeShare * s.received) / received : 0,
      escalations: sum((s) => s.escalations),
      repliesSent: sum((s) => s.repliesSent),
      backlog: sum((s) => s.backlog),
      medianFirstResponseSeconds: histogramMedian(merged),
      topLabels: [...labels.entries()].map(([label, count]) => ({ label: label as (typeof LABELS)[number], count })).sort((a, b) => b.count - a.count).slice(0, 4),
    },
    posts: await summarize("post"),
    campaigns: await summarize("campaign"),
    platforms,
    openAlerts: openAlerts.length,
  };
}
