/**
 * How fast the spikes page's reads are on a week of history for 500 posts: fills a fresh database
 * with 500 posts' hourly buckets for 7 days and minute buckets for 6 hours, then times the
 * overview and chart queries (median of 7).
 *
 *   DATABASE_URL=postgres://… pnpm --filter @surgedesk/api exec tsx scripts/bench-spike-reads.ts
 */
import { sql } from "drizzle-orm";
import { LABELS } from "@surgedesk/shared";
import { createTestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { readOverview } from "../src/spikes/queries/read-overview.ts";
import { readSeries } from "../src/spikes/queries/read-series.ts";
const t = await createTestApp();
const db = t.database.db;
const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const labels = `{${LABELS.map((_, i) => (i < 3 ? 2 : 1)).join(",")}}`;
// 500 posts × a week: hourly rows, and 1-minute rows for the last 6 hours (the detector's and the 1 h chart's).
await db.execute(sql`insert into posts (id, workspace_id, account_id, platform, external_id)
  select 'post_w' || g, ${t.workspaceId}, (select id from connected_accounts limit 1), 'instagram', 'ext' || g from generate_series(1, 500) g`).catch(async () => {
  await db.execute(sql`insert into connected_accounts (id, workspace_id, platform, channel, external_account_id) values ('acct_w', ${t.workspaceId}, 'instagram', 'instagram', 'w1')`);
  await db.execute(sql`insert into posts (id, workspace_id, account_id, platform, external_id)
    select 'post_w' || g, ${t.workspaceId}, 'acct_w', 'instagram', 'ext' || g from generate_series(1, 500) g`);
});
await db.execute(sql`insert into spike_metrics (workspace_id, series_kind, series_id, bucket_seconds, bucket_start, received, label_counts, negative)
  select ${t.workspaceId}, 'post', 'post_w' || p, 3600, to_timestamp(${hour / 1000} - h * 3600), 15, ${labels}::integer[], 2
  from generate_series(1, 500) p, generate_series(0, 167) h`);
await db.execute(sql`insert into spike_metrics (workspace_id, series_kind, series_id, bucket_seconds, bucket_start, received, label_counts, negative)
  select ${t.workspaceId}, 'post', 'post_w' || p, 60, to_timestamp(${hour / 1000} - m * 60), 1, ${labels}::integer[], 0
  from generate_series(1, 500) p, generate_series(0, 359) m`);
await db.execute(sql`analyze spike_metrics`);
const now = new Date(hour);
const time = async (name: string, fn: () => Promise<unknown>) => {
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const s = performance.now();
    await fn();
    runs.push(performance.now() - s);
  }
  runs.sort((a, b) => a - b);
  console.log(`${name}: median ${runs[3]!.toFixed(0)} ms`);
};
const ids = Array.from({ length: 20 }, (_, i) => `post_w${i + 1}`);
await time("overview, 7 days, 500 posts (hourly rows)", () => readOverview(db, t.workspaceId, { now, minutes: 10080, limit: 10 }));
await time("overview, last hour, 500 posts (minute rows)", () => readOverview(db, t.workspaceId, { now, minutes: 60, limit: 10 }));
await time("series, 7 days, 20 posts, 1 h buckets", () => readSeries(db, t.workspaceId, { kind: "post", ids, minutes: 10080, bucketSeconds: 3600, now }));
await time("series, 6 h, 20 posts, 1 min buckets", () => readSeries(db, t.workspaceId, { kind: "post", ids, minutes: 360, bucketSeconds: 60, now }));
await t.close();
process.exit(0);
