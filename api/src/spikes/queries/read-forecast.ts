import { sql } from "drizzle-orm";
import { FORECAST_GROUP_LABELS, FORECAST_GROUPS, type SpikeForecast } from "@surgedesk/shared";
import { queryRows, type Database } from "../../db/client.ts";
import { labelCountsOf, labelIndex } from "../metrics/label-arrays.ts";
import { computeForecast } from "../forecast/backlog-forecast.ts";

/** How far back the team's handle rate and the arrival rate are measured. */
export const FORECAST_RATE_WINDOW_MINUTES = 30;

/**
 * The workspace's backlog by label group and when it clears at the team's recent pace. Summed
 * over the platform series, which between them hold every message (DMs have no post).
 */
export async function readForecast(db: Database, workspaceId: string, now: Date, windowMinutes = FORECAST_RATE_WINDOW_MINUTES): Promise<SpikeForecast> {
  const rows = await queryRows<{ recent: boolean; label_counts: number[]; handled_label_counts: number[]; received: number; handled: number }>(
    db,
    sql`select false as recent, label_counts, handled_label_counts, received, handled from spike_metrics
        where workspace_id = ${workspaceId} and series_kind = 'platform' and bucket_seconds = 3600
        union all
        select true, label_counts, handled_label_counts, received, handled from spike_metrics
        where workspace_id = ${workspaceId} and series_kind = 'platform' and bucket_seconds = 60
          and bucket_start >= ${new Date(now.getTime() - windowMinutes * 60_000).toISOString()}::timestamptz
          and bucket_start <= ${now.toISOString()}::timestamptz`,
  );
  const totals = { backlog: [] as number[], arrivals: [] as number[], handled: [] as number[], all: { backlog: 0, arrivals: 0, handled: 0 } };
  const add = (into: number[], values: number[], sign = 1) => values.forEach((n, i) => (into[i] = (into[i] ?? 0) + sign * n));
  for (const row of rows) {
    const received = labelCountsOf(row.label_counts);
    const handled = labelCountsOf(row.handled_label_counts);
    if (row.recent) {
      add(totals.arrivals, received);
      add(totals.handled, handled);
      totals.all.arrivals += row.received;
      totals.all.handled += row.handled;
    } else {
      add(totals.backlog, received);
      add(totals.backlog, handled, -1);
      totals.all.backlog += row.received - row.handled;
    }
  }
  const sumOf = (values: number[], group: (typeof FORECAST_GROUPS)[number]) =>
    FORECAST_GROUP_LABELS[group].reduce((n, label) => n + (values[labelIndex(label)] ?? 0), 0);
  return {
    now: now.toISOString(),
    rateWindowMinutes: windowMinutes,
    groups: FORECAST_GROUPS.map((group) =>
      group === "all"
        ? computeForecast({ group, windowMinutes, ...totals.all })
        : computeForecast({
            group,
            windowMinutes,
            backlog: sumOf(totals.backlog, group),
            arrivals: sumOf(totals.arrivals, group),
            handled: sumOf(totals.handled, group),
          }),
    ),
  };
}
