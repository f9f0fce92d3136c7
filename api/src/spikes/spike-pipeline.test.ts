import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, HttpResponse } from "msw";
import type { SetupServer } from "msw/node";
import { and, eq } from "drizzle-orm";
import type { MessagePage, SpikeAlert, SpikeForecast, SpikeOverview, SpikeSeriesData } from "@surgedesk/shared";
import { messages, posts, spikeAlertEvents, spikeDetectorStates } from "../db/schema/index.ts";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { createLogger } from "../lib/logger.ts";
import { generateTraffic } from "@surgedesk/devkit/simulator/scenarios/generate-traffic.ts";
import { loadLabelledTexts } from "@surgedesk/devkit/simulator/scenarios/labelled-texts.ts";
import { QUIET_COMMENT_MIX } from "@surgedesk/devkit/simulator/scenarios/traffic-shapes.ts";
import type { Scenario } from "@surgedesk/devkit/simulator/scenarios/scenario.ts";
import { runLockstep } from "@surgedesk/devkit/simulator/in-process-run.ts";
import { instagramMediaId } from "@surgedesk/devkit/simulator/scenario-deliveries.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createAlertWebhookSender } from "./alert-webhook/alert-webhook-sender.ts";
import { ALERT_SIGNATURE_HEADER, verifyAlertSignature } from "./alert-webhook/alert-signature.ts";
import { createSpikeDetector } from "./detector/spike-detector.ts";
import { databaseMacroCatalog } from "./readiness/macro-catalog.ts";

const HOOK = "https://hooks.example.test/surgedesk";
const SECRET = "whsec_test_0123456789";
const received: { body: string; signature: string | null }[] = [];
let failNext = 0;
let server: SetupServer;
let t: TestApp;

/** One reel at 4 comments a minute jumps to 6× for six minutes at minute 30, mostly WISMO, then calms. */
const scenario: Scenario = {
  name: "test-surge",
  description: "",
  durationMinutes: 48,
  warmupMinutes: 10,
  posts: [
    { key: "ig-hot", platform: "instagram", caption: "Reel hot" },
    { key: "ig-calm", platform: "instagram", caption: "Reel calm" },
  ],
  campaigns: [],
  streams: [
    {
      post: "ig-hot",
      platform: "instagram",
      kind: "comment",
      ratePerMinute: (m) => (m >= 30 && m < 36 ? 24 : 4),
      labelMix: (m) => (m >= 30 && m < 36 ? { order_status: 70, praise: 30 } : QUIET_COMMENT_MIX),
    },
    { post: "ig-calm", platform: "instagram", kind: "comment", ratePerMinute: () => 1, labelMix: () => QUIET_COMMENT_MIX },
  ],
  surges: [],
};
const clock = { now: new Date(Date.UTC(2026, 6, 4, 18, 0, 0)) };
const runId = "pipe01";

beforeAll(async () => {
  server = startEmulatorServer([
    http.post(HOOK, async ({ request }) => {
      received.push({ body: await request.text(), signature: request.headers.get(ALERT_SIGNATURE_HEADER) });
      if (failNext > 0) {
        failNext -= 1;
        return new HttpResponse("busy", { status: 503 });
      }
      return HttpResponse.json({ ok: true });
    }),
  ]);
  t = await createTestApp();
}, 60_000);
afterAll(async () => {
  server?.close();
  await t?.close();
});

describe("surge pipeline: webhooks → metrics → detector → alerts → signed webhook", () => {
  it("stores the webhook settings without ever returning the secret", async () => {
    const put = (body: unknown) =>
      t.app.request("/api/spikes/webhook", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await put({ url: HOOK })).status).toBe(400); // the first time needs a secret
    expect((await put({ url: "http://hooks.example.test/x", secret: SECRET })).status).toBe(400); // not TLS
    const res = await put({ url: HOOK, secret: SECRET });
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(view).toMatchObject({ url: HOOK, enabled: true, hasSecret: true });
    expect(JSON.stringify(view)).not.toContain(SECRET);
    const got = await t.app.request("/api/spikes/webhook");
    expect(JSON.stringify(await got.json())).not.toContain(SECRET);
  });

  it("raises an alert within two minutes, with the post, the numbers, the labels and readiness", async () => {
    const detector = createSpikeDetector({
      db: t.database.db,
      logger: createLogger("silent"),
      // The reply engine's macros table, as in production (on PGlite, reading it inside the
      // detector's transaction once hung the whole process), plus one macro given in code.
      macroCatalog: databaseMacroCatalog(t.database.db, () => [{ id: "m1", title: "Creator code terms", labels: ["promo_confusion"] }]),
    });
    const messagesPlayed = generateTraffic(scenario, loadLabelledTexts(), 7);
    const run = await runLockstep(
      { app: t.app, db: t.database.db, config: t.config, workspaceId: t.workspaceId, ingest: t.ingest, detector },
      { scenario, messages: messagesPlayed, clock, runId },
    );
    expect(run.refused).toBe(0);
    expect(run.acceptedIds.size).toBe(messagesPlayed.length);
    const stored = await t.database.db.select({ id: messages.id }).from(messages).where(eq(messages.workspaceId, t.workspaceId));
    expect(stored.length).toBe(messagesPlayed.length);

    const res = await t.app.request("/api/spikes/alerts");
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: SpikeAlert[] };
    const [hotPost] = await t.database.db.select().from(posts).where(eq(posts.externalId, instagramMediaId(runId, "ig-hot")));
    const alert = items.find((a) => a.seriesKind === "post" && a.seriesId === hotPost!.id && Date.parse(a.detectedAt) > Date.parse(a.startedAt) && Date.parse(a.startedAt) >= clock.now.getTime() - 20 * 60_000);
    expect(alert).toBeDefined();
    const surgeStart = clock.now.getTime() - (scenario.durationMinutes - 30) * 60_000; // minute 30
    expect(Date.parse(alert!.detectedAt) - surgeStart).toBeLessThanOrEqual(2 * 60_000);
    expect(alert!.post?.externalId).toBe(hotPost!.externalId);
    expect(alert!.triggers).toContain("volume");
    expect(alert!.peak.ratio).toBeGreaterThan(2.5);
    expect(alert!.peak.labels[0]?.label).toBe("order_status");
    expect(alert!.readiness).toContainEqual(expect.objectContaining({ label: "order_status", ready: false }));
    expect(alert!.status).toBe("resolved");
    expect(alert!.events.map((e) => e.type)).toEqual(expect.arrayContaining(["started", "resolved"]));

    // One surge, one alert: the Instagram platform series surged with the reel (its detector
    // state was hot during it), but the reel explains it, so the reel's alert is the only one,
    // and it names its platform.
    expect(alert!.platform).toBe("instagram");
    const duringSurge = items.filter((a) => Date.parse(a.detectedAt) >= surgeStart && Date.parse(a.detectedAt) <= surgeStart + 15 * 60_000);
    expect(duringSurge.map((a) => `${a.seriesKind}:${a.seriesId}`)).toEqual([`post:${hotPost!.id}`]);
    const [platformState] = await t.database.db
      .select()
      .from(spikeDetectorStates)
      .where(and(eq(spikeDetectorStates.seriesKind, "platform"), eq(spikeDetectorStates.seriesId, "instagram")));
    expect((platformState!.state as { lastHotMinute: number | null }).lastHotMinute).toBeGreaterThanOrEqual(Math.floor(surgeStart / 60_000));
  }, 120_000);

  it("delivers each alert event to the webhook, signed, retrying a failed delivery", async () => {
    failNext = 1;
    const sender = createAlertWebhookSender({
      db: t.database.db,
      logger: createLogger("silent"),
      encryptionKey: t.config.encryptionKey,
      publicUrl: "https://desk.example.test",
      random: () => 0,
      // The receiver is emulated on the global fetch; the address check has its own tests.
      fetch: (url, init) => fetch(url, init),
    });
    for (let i = 0; i < 5 && (await sender.sendDue()) > 0; i++);
    const events = await t.database.db.select().from(spikeAlertEvents);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.webhookStatus === "sent")).toBe(true);
    expect(events.some((e) => e.webhookAttempts === 2)).toBe(true); // the one answered 503 first
    expect(received.length).toBe(events.length + 1);
    for (const r of received) {
      expect(verifyAlertSignature(r.body, r.signature, SECRET, new Date())).toBe(true);
      const payload = JSON.parse(r.body) as { text: string; blocks: unknown[] };
      expect(typeof payload.text).toBe("string");
      expect(Array.isArray(payload.blocks)).toBe(true);
    }
    const started = received.map((r) => JSON.parse(r.body) as { text: string }).find((p) => p.text.includes("Surge started"));
    expect(started?.text).toMatch(/no macro for Order status/);
    expect(started?.text).toContain("https://desk.example.test/inbox?postId=");
  });

  it("answers the overview, the chart series, the forecast, and the post's queue", async () => {
    const [hotPost] = await t.database.db.select().from(posts).where(eq(posts.externalId, instagramMediaId(runId, "ig-hot")));
    const overview = (await (await t.app.request("/api/spikes/overview?minutes=60")).json()) as SpikeOverview;
    expect(overview.posts[0]?.id).toBe(hotPost!.id);
    expect(overview.posts[0]?.backlog).toBe(overview.posts[0]?.received);
    expect(overview.totals.received).toBeGreaterThan(0);
    const series = (await (await t.app.request(`/api/spikes/series?kind=post&ids=${hotPost!.id}&minutes=60`)).json()) as SpikeSeriesData;
    expect(series.bucketSeconds).toBe(60);
    expect(series.t.length).toBe(60);
    expect(Math.max(...series.series[0]!.received)).toBeGreaterThanOrEqual(15);
    expect(series.series[0]!.backlog.at(-1)).toBeGreaterThan(0);
    const page = (await (await t.app.request(`/api/messages?postId=${hotPost!.id}&limit=200`)).json()) as MessagePage;
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((m) => m.post?.id === hotPost!.id)).toBe(true);

    // Agents close a few order issues: the forecast sees a handle rate.
    const open = page.items.filter((m) => m.label === "order_status").slice(0, 5);
    for (const m of open) {
      const res = await t.app.request(`/api/messages/${m.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: "closed" }) });
      expect(res.status).toBe(200);
    }
    const forecast = (await (await t.app.request("/api/spikes/forecast")).json()) as SpikeForecast;
    const orderIssues = forecast.groups.find((g) => g.group === "order_issues")!;
    expect(orderIssues.backlog).toBeGreaterThan(0);
    expect(orderIssues.text).toMatch(/order-issue backlog/);
  });

  it("validates its queries", async () => {
    expect((await t.app.request("/api/spikes/series?kind=post")).status).toBe(400);
    expect((await t.app.request("/api/spikes/series?kind=galaxy&ids=a")).status).toBe(400);
    expect((await t.app.request("/api/spikes/overview?minutes=1")).status).toBe(400);
    const bad = await t.app.request("/api/spikes/campaigns", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "x", postIds: ["post_nope"] }) });
    expect(bad.status).toBe(400);
  });
});

describe("spike routes and roles", () => {
  it("lets any signed-in user read, only an admin change campaigns and the webhook", async () => {
    const agent = await t.tokenFor("agent");
    const as = (path: string, init: RequestInit = {}) => t.app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${agent}` } });
    expect((await as("/api/spikes/overview")).status).toBe(200);
    expect((await as("/api/spikes/alerts")).status).toBe(200);
    expect((await as("/api/spikes/webhook")).status).toBe(403);
    expect((await as("/api/spikes/campaigns", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "nope" }) })).status).toBe(403);
    expect((await t.anonymous.request("/api/spikes/overview")).status).toBe(401);
  });
});
