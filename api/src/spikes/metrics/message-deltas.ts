import { sql } from "drizzle-orm";
import { LABELS, SPIKE_BUCKET_SECONDS, type SpikeSeriesKind } from "@surgedesk/shared";
import { queryRows } from "../../db/client.ts";
import type { Executor } from "../../db/types.ts";
import { bucketStartMs } from "./bucket-time.ts";
import { mergeMetricsSql } from "./metric-upsert.ts";

/** Changes to add to a message's series in the buckets of one moment. */
export interface MetricDeltas {
  received?: number;
  labelCounts?: readonly number[];
  negative?: number;
  escalationMedium?: number;
  escalationHigh?: number;
  handled?: number;
  handledLabelCounts?: readonly number[];
  repliesSent?: number;
  firstResponses?: number;
  firstResponseSecondsSum?: number;
  firstResponseHistogram?: readonly number[];
}

export const zeroLabels = () => LABELS.map(() => 0);

export interface MessageSeries {
  workspaceId: string;
  series: { kind: SpikeSeriesKind; id: string }[];
}

/** The series each message counts in: its platform, its post, and its post's campaigns. */
export async function seriesOfMessages(db: Executor, messageIds: readonly string[]): Promise<Map<string, MessageSeries>> {
  const rows = await queryRows<{ id: string; workspace_id: string; platform: string; post_id: string | null; campaigns: string[] | null }>(
    db,
    sql`select m.id, m.workspace_id, m.platform, m.post_id, array_remove(array_agg(cp.campaign_id), null) as campaigns
        from messages m left join campaign_posts cp on cp.post_id = m.post_id
        where m.id = any(${sql.param([...messageIds])}::text[])
        group by m.id`,
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        workspaceId: row.workspace_id,
        series: [
          { kind: "platform" as const, id: row.platform },
          ...(row.post_id ? [{ kind: "post" as const, id: row.post_id }] : []),
          ...(row.campaigns ?? []).map((id) => ({ kind: "campaign" as const, id })),
        ],
      },
    ]),
  );
}

interface Row {
  workspaceId: string;
  kind: SpikeSeriesKind;
  id: string;
  bucketSeconds: number;
  bucketStart: number;
  received: number;
  labelCounts: number[];
  negative: number;
  escalationMedium: number;
  escalationHigh: number;
  handled: number;
  handledLabelCounts: number[];
  repliesSent: number;
  firstResponses: number;
  firstResponseSecondsSum: number;
  firstResponseHistogram: number[];
}

const addInto = (into: number[], values: readonly number[] | undefined) => values?.forEach((n, i) => (into[i] = (into[i] ?? 0) + n));

/**
 * Gathers changes for many messages, summed per series and bucket in memory, then written with
 * one UPSERT: agents' bulk actions stay set-based however many messages they touch.
 */
export class MetricDeltaBatch {
  private readonly rows = new Map<string, Row>();

  add(target: MessageSeries, at: Date, deltas: MetricDeltas): void {
    for (const s of target.series) {
      for (const bucketSeconds of SPIKE_BUCKET_SECONDS) {
        const bucketStart = bucketStartMs(at, bucketSeconds);
        const key = `${target.workspaceId}\u0001${s.kind}\u0001${s.id}\u0001${bucketSeconds}\u0001${bucketStart}`;
        let row = this.rows.get(key);
        if (!row) {
          row = { workspaceId: target.workspaceId, kind: s.kind, id: s.id, bucketSeconds, bucketStart, received: 0, labelCounts: [], negative: 0, escalationMedium: 0, escalationHigh: 0, handled: 0, handledLabelCounts: [], repliesSent: 0, firstResponses: 0, firstResponseSecondsSum: 0, firstResponseHistogram: [] };
          this.rows.set(key, row);
        }
        row.received += deltas.received ?? 0;
        row.negative += deltas.negative ?? 0;
        row.escalationMedium += deltas.escalationMedium ?? 0;
        row.escalationHigh += deltas.escalationHigh ?? 0;
        row.handled += deltas.handled ?? 0;
        row.repliesSent += deltas.repliesSent ?? 0;
        row.firstResponses += deltas.firstResponses ?? 0;
        row.firstResponseSecondsSum += deltas.firstResponseSecondsSum ?? 0;
        addInto(row.labelCounts, deltas.labelCounts);
        addInto(row.handledLabelCounts, deltas.handledLabelCounts);
        addInto(row.firstResponseHistogram, deltas.firstResponseHistogram);
      }
    }
  }

  get size(): number {
    return this.rows.size;
  }

  async write(db: Executor): Promise<void> {
    if (this.rows.size === 0) return;
    const rows = [...this.rows.values()];
    const col = <T>(pick: (r: Row) => T) => sql.param(rows.map(pick));
    const arr = (pick: (r: Row) => number[]) => col((r) => `{${pick(r).map((n) => Math.trunc(n)).join(",")}}`);
    await db.execute(sql`
      insert into spike_metrics (workspace_id, series_kind, series_id, bucket_seconds, bucket_start,
        received, comments, dms, outbound, label_counts, negative, escalation_medium, escalation_high,
        handled, handled_label_counts, replies_sent, first_responses, first_response_seconds_sum, first_response_histogram,
        last_event_at, updated_at)
      select ws, kind, id, sec, to_timestamp(start_ms / 1000.0), received, 0, 0, 0, labels::integer[], negative, escalation_medium, escalation_high,
        handled, handled_labels::integer[], replies, responses, response_seconds, histogram::integer[], null, now()
      from unnest(${col((r) => r.workspaceId)}::text[], ${col((r) => r.kind)}::text[], ${col((r) => r.id)}::text[],
                  ${col((r) => r.bucketSeconds)}::int[], ${col((r) => r.bucketStart)}::bigint[], ${col((r) => r.received)}::int[],
                  ${arr((r) => r.labelCounts)}::text[], ${col((r) => r.negative)}::int[], ${col((r) => r.escalationMedium)}::int[],
                  ${col((r) => r.escalationHigh)}::int[], ${col((r) => r.handled)}::int[], ${arr((r) => r.handledLabelCounts)}::text[],
                  ${col((r) => r.repliesSent)}::int[], ${col((r) => r.firstResponses)}::int[], ${col((r) => Math.round(r.firstResponseSecondsSum))}::bigint[],
                  ${arr((r) => r.firstResponseHistogram)}::text[])
        as v(ws, kind, id, sec, start_ms, received, labels, negative, escalation_medium, escalation_high, handled, handled_labels, replies, responses, response_seconds, histogram)
      -- The order ingestion writes in (record-ingested-messages.ts), by the database's own rules
      -- (its collation, numeric bucket sizes): concurrent writers lock bucket rows in one order.
      order by ws, kind, id, sec, start_ms
      ${mergeMetricsSql}`);
  }
}
