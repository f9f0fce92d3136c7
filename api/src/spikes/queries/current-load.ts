import { and, count, inArray, sql } from "drizzle-orm";
import { CURRENT_RATE_MINUTES, type CurrentLoad, type CurrentWindow, type SpikeSeriesKind } from "@surgedesk/shared";
import { queryRows, type Database } from "../../db/client.ts";
import { campaignPosts, messages } from "../../db/schema/index.ts";
import { filterConditions } from "../../queues/message-filter-sql.ts";
import { bucketStartMs } from "../metrics/bucket-time.ts";

/**
 * "Now" on the spikes page, defined here and nowhere else: the posts table, the alerts and the
 * header all read it through `readCurrentLoad`, so they cannot disagree. The rate is messages
 * received per minute over the last `CURRENT_RATE_MINUTES` complete minutes — the minute still
 * filling is left out, so the rate does not sag every time a new minute starts. The messages at
 * risk are the inbox's Escalations queue (open, medium or high escalation risk) for the series,
 * counted with the inbox's own filter, so the number matches the queue a click away.
 */
export function currentWindowAt(now: Date): { from: Date; to: Date } {
  const to = bucketStartMs(now, 60);
  return { from: new Date(to - CURRENT_RATE_MINUTES * 60_000), to: new Date(to) };
}

/** Messages received in the current window as a rate, to one decimal (what every screen shows). */
export const currentRatePerMinute = (received: number) => Math.round((received / CURRENT_RATE_MINUTES) * 10) / 10;

export interface CurrentLoads {
  window: CurrentWindow;
  /** A series' load now; zero for a series with nothing in the window. */
  of(kind: SpikeSeriesKind, id: string): CurrentLoad;
  /** The whole workspace (every platform: DMs have no post). */
  total: CurrentLoad;
}

const keyOf = (kind: SpikeSeriesKind, id: string) => `${kind}:${id}`;

export async function readCurrentLoad(db: Database, workspaceId: string, series: readonly { kind: SpikeSeriesKind; id: string }[], now: Date): Promise<CurrentLoads> {
  const { from, to } = currentWindowAt(now);
  const received = new Map<string, number>();
  const atRisk = new Map<string, number>();

  // Rates from the 1-minute buckets: the listed series, plus every platform for the total (one
  // index range per kind: workspace, kind, series, bucket size, bucket start).
  const idsOf = (kind: SpikeSeriesKind) => series.filter((s) => s.kind === kind).map((s) => s.id);
  const inWindow = sql`workspace_id = ${workspaceId} and bucket_seconds = 60
    and bucket_start >= ${from.toISOString()}::timestamptz and bucket_start < ${to.toISOString()}::timestamptz`;
  const rows = await queryRows<{ series_kind: SpikeSeriesKind; series_id: string; received: number }>(
    db,
    sql`select series_kind, series_id, sum(received)::int as received from spike_metrics
        where ${inWindow} and (series_kind = 'platform'
          or (series_kind = 'post' and series_id = any(${sql.param(idsOf("post"))}::text[]))
          or (series_kind = 'campaign' and series_id = any(${sql.param(idsOf("campaign"))}::text[])))
        group by series_kind, series_id`,
  );
  let totalReceived = 0;
  for (const row of rows) {
    received.set(keyOf(row.series_kind, row.series_id), row.received);
    if (row.series_kind === "platform") totalReceived += row.received;
  }

  // At risk: the Escalations queue's own conditions, grouped by post, platform and campaign.
  const scope = { workspaceId, userId: "", now };
  const inQueue = filterConditions({ queue: "escalations" }, scope);
  const byPlatform = await db
    .select({ id: messages.platform, n: count() })
    .from(messages)
    .where(and(...inQueue))
    .groupBy(messages.platform);
  let totalAtRisk = 0;
  for (const row of byPlatform) {
    atRisk.set(keyOf("platform", row.id), row.n);
    totalAtRisk += row.n;
  }
  const postIds = idsOf("post");
  if (postIds.length > 0) {
    const byPost = await db
      .select({ id: messages.postId, n: count() })
      .from(messages)
      .where(and(...inQueue, inArray(messages.postId, postIds)))
      .groupBy(messages.postId);
    for (const row of byPost) if (row.id) atRisk.set(keyOf("post", row.id), row.n);
  }
  const campaignIds = idsOf("campaign");
  if (campaignIds.length > 0) {
    const byCampaign = await db
      .select({ id: campaignPosts.campaignId, n: count() })
      .from(messages)
      .innerJoin(campaignPosts, sql`${campaignPosts.postId} = ${messages.postId}`)
      .where(and(...inQueue, inArray(campaignPosts.campaignId, campaignIds)))
      .groupBy(campaignPosts.campaignId);
    for (const row of byCampaign) atRisk.set(keyOf("campaign", row.id), row.n);
  }

  return {
    window: { minutes: CURRENT_RATE_MINUTES, from: from.toISOString(), to: to.toISOString() },
    of: (kind, id) => ({ ratePerMinute: currentRatePerMinute(received.get(keyOf(kind, id)) ?? 0), atRisk: atRisk.get(keyOf(kind, id)) ?? 0 }),
    total: { ratePerMinute: currentRatePerMinute(totalReceived), atRisk: totalAtRisk },
  };
}
