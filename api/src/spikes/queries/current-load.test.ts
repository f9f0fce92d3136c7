import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { CURRENT_RATE_MINUTES, type SpikeNumbers } from "@surgedesk/shared";
import { messages, posts } from "../../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { startAlert } from "../alerts/alert-store.ts";
import { readAlerts } from "./read-alerts.ts";
import { readOverview } from "./read-overview.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** "Now" is 12:07:30 UTC: the complete minutes 12:02–12:06 are the current window. */
const NOW = new Date(Date.UTC(2026, 10, 3, 12, 7, 30));
const at = (minute: number, second: number) => Date.UTC(2026, 10, 3, 12, minute, second) / 1000;
const HOT = "18100000000000101";
const CALM = "18100000000000102";

async function deliver(mediaId: string, time: number, text = "where is my order") {
  const { body } = instagramCommentDelivery({ mediaId, time, text });
  expect((await t.app.request("/webhooks/instagram", signedInstagramPost(body))).status).toBe(200);
}

const postIdOf = async (mediaId: string) => (await t.database.db.select().from(posts).where(eq(posts.externalId, mediaId)))[0]!.id;

const numbers: SpikeNumbers = {
  windowMinutes: 2.5,
  received: 30,
  ratePerMinute: 12,
  baselinePerMinute: 1,
  ratio: 12,
  surprise: 9,
  issueCount: 20,
  issueShare: 0.67,
  baselineIssueShare: 0.2,
  shareSurprise: 6,
  negativeShare: 0.1,
  escalationsHigh: 0,
  escalationsMedium: 0,
  labels: [{ label: "order_status", count: 20, expected: 2 }],
};

describe("the spikes page's one definition of now", () => {
  it("gives the posts table, the alert and the header the same current rate and the same messages at risk", async () => {
    // Before the window (12:01), in it (12:02–12:06: 10 messages), and in the minute still filling (12:07).
    for (let i = 0; i < 3; i++) await deliver(HOT, at(1, 10 + i));
    for (let i = 0; i < 10; i++) await deliver(HOT, at(2 + (i % 5), 5 + i));
    for (let i = 0; i < 4; i++) await deliver(HOT, at(7, 1 + i));
    for (let i = 0; i < 5; i++) await deliver(CALM, at(3, 20 + i), "love this");
    await t.ingest.drain();
    const hot = await postIdOf(HOT);
    const calm = await postIdOf(CALM);

    // Escalation risk as the classifier might have set it: 3 high and 1 medium on the hot post,
    // one of the high ones already closed by an agent (no longer at risk), 1 high on the calm one.
    const hotIds = (await t.database.db.select({ id: messages.id }).from(messages).where(eq(messages.postId, hot))).map((m) => m.id);
    const calmIds = (await t.database.db.select({ id: messages.id }).from(messages).where(eq(messages.postId, calm))).map((m) => m.id);
    await t.database.db.update(messages).set({ escalationLevel: null }).where(inArray(messages.id, [...hotIds, ...calmIds]));
    await t.database.db.update(messages).set({ escalationLevel: "high" }).where(inArray(messages.id, [...hotIds.slice(0, 3), calmIds[0]!]));
    await t.database.db.update(messages).set({ escalationLevel: "medium" }).where(eq(messages.id, hotIds[3]!));
    const close = await t.app.request(`/api/messages/${hotIds[0]}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: "closed" }) });
    expect(close.status).toBe(200);

    const overview = await readOverview(t.database.db, t.workspaceId, { now: NOW, minutes: 60, limit: 10 });
    expect(overview.currentWindow).toEqual({ minutes: CURRENT_RATE_MINUTES, from: "2026-11-03T12:02:00.000Z", to: "2026-11-03T12:07:00.000Z" });
    const row = overview.posts.find((p) => p.id === hot)!;
    // 10 messages in the 5 complete minutes: 2.0 a minute. The window average (17 in 60 min) is another figure.
    expect(row.current).toEqual({ ratePerMinute: 2, atRisk: 3 });
    expect(row.received).toBe(17);
    expect(row.windowAveragePerMinute).toBeCloseTo(17 / 60, 2);
    expect(overview.posts.find((p) => p.id === calm)!.current).toEqual({ ratePerMinute: 1, atRisk: 1 });
    // The header: the whole workspace by the same definition.
    expect(overview.totals.current).toEqual({ ratePerMinute: 3, atRisk: 4 });
    const instagram = overview.platforms.find((p) => p.id === "instagram")!;
    expect(instagram.current).toEqual(overview.totals.current);

    // The at-risk count is the inbox's Escalations queue for the post, a click away.
    const queue = await t.app.request(`/api/queues/count?queue=escalations&postId=${hot}`);
    expect(((await queue.json()) as { count: number }).count).toBe(row.current.atRisk);

    // An alert on the post shows the post's row's figures, whatever its detection window said.
    await startAlert(t.database.db, {
      workspaceId: t.workspaceId,
      seriesKind: "post",
      seriesId: hot,
      postId: hot,
      severity: "warning",
      triggers: ["volume"],
      startedAt: new Date(NOW.getTime() - 3 * 60_000),
      at: NOW,
      numbers,
      readiness: [],
    });
    const alerts = await readAlerts(t.database.db, t.workspaceId, { limit: 10, now: NOW });
    expect(alerts.currentWindow).toEqual(overview.currentWindow);
    const alert = alerts.items.find((a) => a.seriesId === hot)!;
    expect(alert.current).toEqual(row.current);
    expect(alert.platform).toBe("instagram");
    expect(alert.post?.externalId).toBe(HOT);
    // Over HTTP too (the routes read the detector's clock: here, the wall clock).
    const res = await t.app.request("/api/spikes/alerts");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it("marks the chart's newest bucket as still filling", async () => {
    const hot = await postIdOf(HOT);
    const res = await t.app.request(`/api/spikes/series?kind=post&ids=${hot}&minutes=60`);
    const data = (await res.json()) as { t: number[]; inProgressFrom: number | null };
    expect(data.inProgressFrom).toBe(data.t.at(-1));
  });

  it("names a post without a caption by its kind, never by its platform id", async () => {
    const overview = await readOverview(t.database.db, t.workspaceId, { now: NOW, minutes: 60, limit: 10 });
    const row = overview.posts.find((p) => p.post?.externalId === HOT)!;
    expect(row.name).toBe("Untitled Instagram reel");
    expect(row.name).not.toContain(HOT);
    const [stored] = await t.database.db.select().from(posts).where(and(eq(posts.externalId, HOT), eq(posts.workspaceId, t.workspaceId)));
    expect(stored?.productType).toBe("REELS");
  });
});
