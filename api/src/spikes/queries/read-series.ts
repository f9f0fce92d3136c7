import { sql } from "drizzle-orm";
import { ISSUE_LABELS, type SpikeSeriesData, type SpikeSeriesKind } from "@surgedesk/shared";
import { queryRows, type Database } from "../../db/client.ts";
import { bucketStartMs } from "../metrics/bucket-time.ts";
import { sumOfLabelsSql } from "../metrics/label-arrays.ts";
import { labelSeries } from "./series-names.ts";
import { windowEndingAt } from "./window.ts";

export interface SeriesRequest {
  kind: SpikeSeriesKind;
  ids: string[];
  minutes: number;
  bucketSeconds: number;
  now: Date;
}

/**
 * Chart columns for a few series over a window: one aligned `t` axis, zeros where a bucket had
 * nothing. The backlog curve starts from everything before the window (hourly rows up to the
 * window's hour, then rows of the chart's size) and adds each bucket's received − handled.
 */
export async function readSeries(db: Database, workspaceId: string, request: SeriesRequest): Promise<SpikeSeriesData> {
  const { kind, ids, bucketSeconds } = request;
  const { from, to } = windowEndingAt(request.now, request.minutes, bucketSeconds);
  const rows = await queryRows<{
    series_id: string;
    t: number | string;
    received: number;
    issue: number;
    negative: number;
    escalations: number;
    handled: number;
    replies: number;
  }>(
    db,
    sql`select series_id, extract(epoch from bucket_start)::bigint as t, received, (${sumOfLabelsSql(sql`label_counts`, ISSUE_LABELS)})::int as issue,
               negative, escalation_high + escalation_medium as escalations, handled, outbound as replies
        from spike_metrics
        where workspace_id = ${workspaceId} and series_kind = ${kind} and series_id = any(${sql.param(ids)}::text[])
          and bucket_seconds = ${bucketSeconds}
          and bucket_start >= ${from.toISOString()}::timestamptz and bucket_start < ${to.toISOString()}::timestamptz`,
  );
  const hourOfFrom = new Date(bucketStartMs(from, 3600));
  const before = await queryRows<{ series_id: string; backlog: number }>(
    db,
    sql`select series_id, (sum(received) - sum(handled))::int as backlog from spike_metrics
        where workspace_id = ${workspaceId} and series_kind = ${kind} and series_id = any(${sql.param(ids)}::text[])
          and ((bucket_seconds = 3600 and bucket_start < ${hourOfFrom.toISOString()}::timestamptz)
            or (bucket_seconds = ${bucketSeconds} and ${bucketSeconds} < 3600
                and bucket_start >= ${hourOfFrom.toISOString()}::timestamptz and bucket_start < ${from.toISOString()}::timestamptz))
        group by series_id`,
  );
  const t: number[] = [];
  for (let at = from.getTime(); at < to.getTime(); at += bucketSeconds * 1000) t.push(at / 1000);
  const position = new Map(t.map((value, i) => [value, i]));
  const names = await labelSeries(db, workspaceId, ids.map((id) => ({ kind, id })));
  const series = ids.map((id) => {
    const zeros = () => t.map(() => 0);
    const s = { kind, id, name: names.get(`${kind}:${id}`)?.name ?? id, received: zeros(), issue: zeros(), negative: zeros(), escalations: zeros(), handled: zeros(), repliesSent: zeros(), backlog: zeros() };
    for (const row of rows) {
      if (row.series_id !== id) continue;
      const i = position.get(Number(row.t));
      if (i === undefined) continue;
      s.received[i] = row.received;
      s.issue[i] = row.issue;
      s.negative[i] = row.negative;
      s.escalations[i] = row.escalations;
      s.handled[i] = row.handled;
      s.repliesSent[i] = row.replies;
    }
    let backlog = before.find((b) => b.series_id === id)?.backlog ?? 0;
    s.backlog = s.received.map((received, i) => (backlog += received - s.handled[i]!));
    return s;
  });
  // The window ends with the bucket that holds "now": it is still filling.
  return { bucketSeconds, t, inProgressFrom: t.at(-1) ?? null, series };
}
