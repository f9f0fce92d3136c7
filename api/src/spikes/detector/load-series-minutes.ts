import { sql } from "drizzle-orm";
import { ISSUE_LABELS, LABELS, type SpikeSeriesKind } from "@surgedesk/shared";
import { queryRows } from "../../db/client.ts";
import type { Executor } from "../../db/types.ts";
import { labelCountsOf } from "../metrics/label-arrays.ts";
import { minuteStart } from "../metrics/bucket-time.ts";
import type { MinuteCounts } from "./minute-counts.ts";

export const seriesKey = (kind: SpikeSeriesKind, id: string) => `${kind}\u0001${id}`;
export function parseSeriesKey(key: string): { kind: SpikeSeriesKind; id: string } {
  const at = key.indexOf("\u0001");
  return { kind: key.slice(0, at) as SpikeSeriesKind, id: key.slice(at + 1) };
}

const issueIndexes = ISSUE_LABELS.map((l) => LABELS.indexOf(l));

/** Every series' 1-minute buckets of a workspace from one minute to another, by series key. */
export async function loadSeriesMinutes(db: Executor, workspaceId: string, fromMinute: number, toMinute: number) {
  const rows = await queryRows<{
    series_kind: SpikeSeriesKind;
    series_id: string;
    minute: number | string;
    received: number;
    label_counts: number[] | null;
    negative: number;
    escalation_medium: number;
    escalation_high: number;
  }>(
    db,
    sql`select series_kind, series_id, (extract(epoch from bucket_start) / 60)::bigint as minute,
               received, label_counts, negative, escalation_medium, escalation_high
        from spike_metrics
        where workspace_id = ${workspaceId} and bucket_seconds = 60
          and bucket_start >= ${minuteStart(fromMinute).toISOString()}::timestamptz
          and bucket_start <= ${minuteStart(toMinute).toISOString()}::timestamptz
          and received > 0`,
  );
  const series = new Map<string, Map<number, MinuteCounts>>();
  for (const row of rows) {
    const key = seriesKey(row.series_kind, row.series_id);
    let minutes = series.get(key);
    if (!minutes) series.set(key, (minutes = new Map()));
    const labels = labelCountsOf(row.label_counts);
    minutes.set(Number(row.minute), {
      received: row.received,
      issue: issueIndexes.reduce((n, i) => n + (labels[i] ?? 0), 0),
      negative: row.negative,
      escalationMedium: row.escalation_medium,
      escalationHigh: row.escalation_high,
      labels,
    });
  }
  return series;
}
