import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { queryRows } from "../../db/client.ts";
import { messages, posts } from "../../db/schema/index.ts";
import { signTikTokPayload, TIKTOK_SIGNATURE_HEADER } from "../../platforms/tiktok/signature.ts";
import { createTestApp, TEST_TIKTOK_CLIENT_SECRET, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { createCampaign, changeCampaignPosts } from "../campaigns/campaign-store.ts";
import { bucketStartMs, bucketStartSql } from "./bucket-time.ts";
import { recordReplySent } from "./record-reply-sent.ts";
import { readStoredSpikeMetrics, recountSpikeMetrics } from "./recount-spike-metrics.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function deliverInstagram(options: Parameters<typeof instagramCommentDelivery>[0]) {
  const delivery = instagramCommentDelivery(options);
  expect((await t.app.request("/webhooks/instagram", signedInstagramPost(delivery.body))).status).toBe(200);
  return delivery.commentId;
}

let dmSequence = 0;
async function deliverTikTokDm(text: string, atMs: number) {
  dmSequence += 1;
  const body = JSON.stringify({
    client_key: "awtest",
    event: "im_receive_msg",
    create_time: Math.floor(atMs / 1000),
    user_openid: "-000metricsbiz",
    content: JSON.stringify({
      conversation_id: `conv_m${dmSequence}`,
      message_id: `msg_metrics_${Date.now()}_${dmSequence}`,
      timestamp: atMs,
      type: "text",
      text: { body: text },
      from_user: { id: `buyer${dmSequence}` },
      to_user: { id: "-000metricsbiz" },
    }),
  });
  const res = await t.app.request("/webhooks/tiktok", {
    method: "POST",
    headers: { "content-type": "application/json", [TIKTOK_SIGNATURE_HEADER]: signTikTokPayload(body, TEST_TIKTOK_CLIENT_SECRET, new Date()) },
    body,
  });
  expect(res.status).toBe(200);
}

const metricRows = (seriesKind: string, seriesId: string, bucketSeconds: number) =>
  queryRows<{ bucket_start: Date | string; received: number }>(
    t.database.db,
    sql`select bucket_start, received from spike_metrics where series_kind = ${seriesKind} and series_id = ${seriesId} and bucket_seconds = ${bucketSeconds} order by bucket_start`,
  );
const postIdOf = async (mediaId: string) => (await t.database.db.select().from(posts).where(eq(posts.externalId, mediaId)))[0]!.id;

describe("bucketing", () => {
  it("puts messages on either side of a minute, an hour and a day boundary in their own UTC buckets", async () => {
    const midnight = Date.UTC(2026, 2, 29, 0, 0, 0); // also the night Europe moves its clocks
    const media = "18000000000777001";
    await deliverInstagram({ mediaId: media, time: midnight / 1000 - 1, text: "where is my order" }); // 23:59:59
    await deliverInstagram({ mediaId: media, time: midnight / 1000, text: "where is my order" }); // 00:00:00
    await deliverInstagram({ mediaId: media, time: midnight / 1000 + 59, text: "love it" }); // 00:00:59
    await deliverInstagram({ mediaId: media, time: midnight / 1000 + 60, text: "love it" }); // 00:01:00
    await t.ingest.drain();
    const post = await postIdOf(media);
    const iso = (ms: number) => new Date(ms).toISOString();
    const minutes = (await metricRows("post", post, 60)).map((r) => [new Date(r.bucket_start).toISOString(), r.received]);
    expect(minutes).toEqual([
      [iso(midnight - 60_000), 1],
      [iso(midnight), 2],
      [iso(midnight + 60_000), 1],
    ]);
    const hours = (await metricRows("post", post, 3600)).map((r) => [new Date(r.bucket_start).toISOString(), r.received]);
    expect(hours).toEqual([
      [iso(midnight - 3_600_000), 1],
      [iso(midnight), 3],
    ]);
    const fives = (await metricRows("post", post, 300)).map((r) => [new Date(r.bucket_start).toISOString(), r.received]);
    expect(fives).toEqual([
      [iso(midnight - 300_000), 1],
      [iso(midnight), 3],
    ]);
  });

  it("keeps UTC buckets when the database session is in a zone with a 45-minute offset", async () => {
    const at = new Date(Date.UTC(2026, 5, 1, 10, 7, 30)).toISOString();
    const [row] = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local time zone 'Asia/Kathmandu'`);
      return queryRows<{ truncated: string; hour: string; five: string }>(
        tx,
        sql`select to_char(date_trunc('hour', ${at}::timestamptz) at time zone 'UTC', 'HH24:MI') as truncated,
                   to_char(${bucketStartSql(sql`${at}::timestamptz`, sql`3600`)} at time zone 'UTC', 'HH24:MI') as hour,
                   to_char(${bucketStartSql(sql`${at}::timestamptz`, sql`300`)} at time zone 'UTC', 'HH24:MI') as five`,
      );
    });
    // date_trunc truncates in the session's zone: that hour would start at 09:15 UTC.
    expect(row).toEqual({ truncated: "09:15", hour: "10:00", five: "10:05" });
    expect(new Date(bucketStartMs(new Date(at), 3600)).toISOString()).toBe("2026-06-01T10:00:00.000Z");
  });

  it("reads a payload time with an offset as the instant it is (TikTok ms, Instagram seconds)", async () => {
    const at = Date.parse("2026-03-08T01:59:59.999-08:00"); // just before US daylight saving starts
    await deliverTikTokDm("where is my order??", at);
    await t.ingest.drain();
    const rows = await queryRows<{ bucket_start: string | Date }>(
      t.database.db,
      sql`select bucket_start from spike_metrics where series_kind = 'platform' and series_id = 'tiktok' and bucket_seconds = 3600`,
    );
    expect(rows.map((r) => new Date(r.bucket_start).toISOString())).toEqual(["2026-03-08T09:00:00.000Z"]);
  });
});

describe("incremental counts", () => {
  const patch = (id: string, body: unknown) => t.app.send("PATCH", `/api/messages/${id}`, body);

  it("equal a full recount after ingestion, campaigns, agents' changes and replies", async () => {
    const base = Date.UTC(2026, 6, 4, 13, 58, 0) / 1000;
    const media = ["18000000000888001", "18000000000888002", "18000000000888003"];
    const texts = ["where is my order #1234", "code MAYA15 doesnt work", "love this!!", "is it vegan?", "my parcel arrived broken", "SCAM no refund, chargeback"];
    for (let i = 0; i < 18; i++) await deliverInstagram({ mediaId: media[i % 3]!, time: base + i * 17, text: texts[i % texts.length]! });
    for (let i = 0; i < 4; i++) await deliverTikTokDm(texts[i]!, (base + 40 + i * 30) * 1000);
    await t.ingest.drain();
    const [p1, p2, p3] = await Promise.all(media.map(postIdOf));
    const campaignA = await createCampaign(t.database.db, t.workspaceId, { name: "A", postIds: [p1!, p2!] });
    const campaignB = await createCampaign(t.database.db, t.workspaceId, { name: "B", source: "creator", creatorHandle: "maya", postIds: [p2!] });
    // More traffic once the campaigns exist, in the next hour.
    for (let i = 0; i < 9; i++) await deliverInstagram({ mediaId: media[i % 3]!, time: base + 400 + i * 13, text: texts[(i + 2) % texts.length]! });
    await t.ingest.drain();
    await changeCampaignPosts(t.database.db, t.workspaceId, campaignB.id, { add: [p3!], remove: [] });

    const stored = await t.database.db.select().from(messages).where(eq(messages.workspaceId, t.workspaceId));
    const mine = stored.filter((m) => [p1, p2, p3].includes(m.postId ?? "") || m.platform === "tiktok");
    const [a, b, c, d, e] = mine;
    expect((await patch(a!.id, { status: "closed" })).status).toBe(200);
    expect((await patch(b!.id, { label: "promo_confusion" })).status).toBe(200);
    expect((await patch(c!.id, { status: "closed" })).status).toBe(200);
    expect((await patch(c!.id, { label: "damaged_item" })).status).toBe(200); // relabelled after it was closed
    expect((await patch(c!.id, { status: "open" })).status).toBe(200); // and reopened
    expect((await patch(d!.id, { status: "closed", label: "other" })).status).toBe(200);
    expect(await recordReplySent(t.database.db, { messageId: e!.id, sentAt: new Date((base + 3600) * 1000) })).toBe(true);
    expect(await recordReplySent(t.database.db, { messageId: e!.id, sentAt: new Date((base + 3700) * 1000) })).toBe(false);
    expect((await patch(e!.id, { status: "closed" })).status).toBe(200); // answered: already out of the backlog
    await changeCampaignPosts(t.database.db, t.workspaceId, campaignA.id, { add: [], remove: [p1!] });

    const recount = await recountSpikeMetrics(t.database.db, t.workspaceId);
    const incremental = await readStoredSpikeMetrics(t.database.db, t.workspaceId);
    expect(Object.fromEntries(incremental.buckets)).toEqual(Object.fromEntries(recount.buckets));
    expect(Object.fromEntries(incremental.backlog)).toEqual(Object.fromEntries(recount.backlog));
    expect(incremental.buckets.size).toBeGreaterThan(20);
    // The campaign series hold exactly their posts' history, whenever the posts were added.
    expect([...recount.buckets.keys()].some((k) => k.startsWith(`campaign:${campaignB.id}:`))).toBe(true);
    expect([...recount.buckets.keys()].some((k) => k.startsWith(`campaign:${campaignA.id}:`))).toBe(true);
  });
});
