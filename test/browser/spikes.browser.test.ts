import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Page } from "playwright-core";
import type { SpikeAlertList, SpikeOverview } from "@surgedesk/shared";
import type { Config } from "../../api/src/config.ts";
import type { RunningSurgedesk } from "../../api/src/start-surgedesk.ts";
import { startDemoSurge } from "@surgedesk/devkit/simulator/demo-surge.ts";
import { verifyAlertSignature } from "../../api/src/spikes/alert-webhook/alert-signature.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { QUIET_COMMENT_MIX } from "@surgedesk/devkit/simulator/scenarios/traffic-shapes.ts";
import type { Scenario } from "@surgedesk/devkit/simulator/scenarios/scenario.ts";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

/** A reel at 4 comments a minute that jumps to 30 a minute, mostly "where is my order", in its last 3 minutes. */
const scenario: Scenario = {
  name: "browser-surge",
  description: "",
  durationMinutes: 40,
  warmupMinutes: 0,
  posts: [
    { key: "ig-hot", platform: "instagram", caption: "Reel: the glow serum is back" },
    { key: "ig-calm", platform: "instagram", caption: "Reel: morning routine" },
  ],
  campaigns: [],
  streams: [
    {
      post: "ig-hot",
      platform: "instagram",
      kind: "comment",
      ratePerMinute: (m) => (m >= 37 ? 30 : 4),
      labelMix: (m) => (m >= 37 ? { order_status: 80, praise: 20 } : QUIET_COMMENT_MIX),
    },
    { post: "ig-calm", platform: "instagram", kind: "comment", ratePerMinute: () => 1, labelMix: () => QUIET_COMMENT_MIX },
  ],
  surges: [],
};

/**
 * The spike monitor in a real browser against the real server: a reel's comments surge (its
 * history arrives through the signed webhook path, the server's own detector worker judges it),
 * and a marketer sees the charts, the post on top flagged as surging, the alert with what drives
 * it and the missing macro, and opens the post's queue from there.
 */
describe.skipIf(!hasChromium)("spike monitor in the browser", () => {
  let running: RunningSurgedesk;
  let config: Config;
  let page: Page;
  let product: BrowserProduct;

  beforeAll(async () => {
    // The alert webhook's receiver below listens on 127.0.0.1, a private address the server
    // refuses to reach unless the operator allows it.
    product = await startProductForBrowser({ OUTBOUND_ALLOW: "127.0.0.1" });
    ({ running, config } = product);
    // The demo's own comments and DMs, polled ones included, are in before the surge is played.
    await running.sync.drain();
    const surge = startDemoSurge({ app: running.app, config, scenario, liveFromMinute: scenario.durationMinutes, seed: 3 });
    const played = await surge.done;
    expect(played.accepted).toBe(played.delivered);
    await running.ingest.drain();

    page = await signInAsDemoUser(await product.browser.newContext({ viewport: { width: 1440, height: 900 } }), running.url, "viewer");
  });

  afterAll(async () => {
    await product?.close();
  });

  it("shows the surging post on top, its alert with the labels driving it, and live charts", async () => {
    await page.goto(`${running.url}/spikes`);
    // The detector worker steps every 10 s and the page refreshes every 5 s: the alert appears by itself.
    const topPost = page.locator(".spike-table").first().locator("tbody tr").first();
    await topPost.locator(".surge-tag", { hasText: "surging" }).waitFor({ timeout: 60_000 });
    const hotName = (await topPost.locator("th a").textContent())!;
    const alert = page.locator(".alert-item.open").filter({ has: page.locator("header strong", { hasText: hotName }) });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Volume( \+ Issue share)? surge/);
    expect(await alert.textContent()).toMatch(/Driven by Order status \(\d+\)/);
    // The demo brand has no order-status macro: the surge is flagged as not ready.
    expect(await alert.locator(".not-ready").first().textContent()).toMatch(/Order status: no macro ready/);
    // Charts are drawn by the chart library on canvases: volume, issue share, backlog.
    expect(await page.locator("figure.chart canvas").count()).toBeGreaterThanOrEqual(3);
    // Each chart stays in its column: none runs under the forecast and alerts beside it.
    const side = (await page.locator(".side-col").boundingBox())!;
    for (const chart of await page.locator("figure.chart").all()) {
      const box = (await chart.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(side.x);
    }
    expect(await page.locator(".totals").textContent()).toMatch(/[1-9]\d* open alerts?/);
    await page.screenshot({ path: join(artifactsDir, "spikes.png"), fullPage: true });
  });

  it("shows one current rate for the surging post in its row, its alert and the header, and one alert for the surge", async () => {
    const topPost = page.locator(".spike-table").first().locator("tbody tr").first();
    await topPost.locator(".surge-tag", { hasText: "surging" }).waitFor({ timeout: 60_000 });
    const postId = (await topPost.getAttribute("data-series-id"))!;
    const alert = page.locator(`.alert-item.open[data-series-id="${postId}"]`);
    const header = page.locator(".totals .surging-now");
    const rateOf = async (where: ReturnType<Page["locator"]>) => Number((await where.locator(".current-rate").first().textContent())!.replace(",", "."));
    const atRiskOf = async (where: ReturnType<Page["locator"]>) => Number(await where.locator(".at-risk").first().textContent());
    // All three read the API's one "now" (the last 5 complete minutes); the page refreshes every
    // few seconds, so a minute turning over between two answers is allowed to settle.
    await expect
      .poll(
        async () => {
          const rates = [await rateOf(topPost), await rateOf(alert), await rateOf(header)];
          const atRisk = [await atRiskOf(topPost), await atRiskOf(alert), await atRiskOf(header)];
          return Math.max(...rates) - Math.min(...rates) <= 0.1 && rates[0]! >= 5 && new Set(atRisk).size === 1;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    // The header's surging post is the table's top row; the window's average is a separate, labelled column.
    expect(await header.getAttribute("data-series-id")).toBe(postId);
    expect(await page.locator(".spike-table").first().locator("thead").textContent()).toMatch(/Now \/min.*Average \/min \(1 h\)/);
    // What the API answered agrees with itself too: the post's row and its alert, same figures.
    const [overview, alerts] = await Promise.all([
      (await page.request.get(`${running.url}/api/spikes/overview?minutes=60`)).json() as Promise<SpikeOverview>,
      (await page.request.get(`${running.url}/api/spikes/alerts`)).json() as Promise<SpikeAlertList>,
    ]);
    if (overview.currentWindow.to === alerts.currentWindow.to) {
      expect(alerts.items.find((a) => a.seriesId === postId)!.current).toEqual(overview.posts.find((p) => p.id === postId)!.current);
    }

    // One surge, one alert: on the reel, naming its platform; none on the Instagram platform series.
    const forSurge = alerts.items.filter((a) => a.status === "open" && (a.seriesId === postId || a.seriesId === "instagram"));
    expect(forSurge.map((a) => `${a.seriesKind}:${a.seriesId}`)).toEqual([`post:${postId}`]);
    expect(await page.locator(`.alert-item.open[data-series-id="instagram"]`).count()).toBe(0);
    expect(await alert.locator(".badge").textContent()).toBe("Instagram");
    // No platform id on screen outside a details disclosure.
    const visible = await page.locator(".spikes").evaluate((root) => {
      const clone = root.cloneNode(true) as HTMLElement;
      clone.querySelectorAll("details").forEach((d) => d.remove());
      return clone.innerText;
    });
    expect(visible).not.toMatch(/\d{15,}/);
    expect(visible).not.toMatch(/\b1 messages\b|\bundefined\b|NaN/);
    // Readiness for every label driving the surge, and the newest interval drawn as still filling.
    expect(await alert.locator(".readiness li").count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('figure.chart[data-in-progress="dashed"]').count()).toBeGreaterThanOrEqual(2);
  });

  it("updates by itself as comments keep arriving", async () => {
    const total = async () => Number((await page.locator(".totals strong.received").textContent())!.replace(/\D/g, ""));
    const before = await total();
    for (let i = 0; i < 5; i++) {
      const { body } = instagramCommentDelivery({ text: `where is my order?? #${i}` });
      expect((await fetch(`${running.url}/webhooks/instagram`, signedInstagramPost(body, config.instagram.appSecret))).status).toBe(200);
    }
    // No reload: the page refreshes its numbers every few seconds.
    await expect.poll(total, { timeout: 30_000, interval: 500 }).toBeGreaterThanOrEqual(before + 5);
  });

  it("opens the post's queue in the inbox from the alert", async () => {
    const hotName = (await page.locator(".spike-table").first().locator("tbody tr").first().locator("th a").textContent())!;
    const alert = page.locator(".alert-item.open").filter({ has: page.locator("header strong", { hasText: hotName }) });
    await alert.getByRole("link", { name: "Open the post's queue" }).click();
    await page.waitForURL(/\/inbox\?.*postId=/);
    await page.locator(".message-row").first().waitFor();
    // The chip names the post as the Spikes table did: "caption… (Instagram reel)" by its caption,
    // "Untitled Instagram reel of 2026-…" as that.
    const caption = hotName.replace(/ \([^)]*\)$/, "").replace(/…$/, "").replace(/ of \d{4}-\d\d-\d\d$/, "");
    const chip = page.getByRole("list", { name: "Active filters" }).locator(".chip");
    await expect.poll(() => chip.textContent()).toContain(`Post: ${caption}`);
    // Only that post's comments: the calm reel's never show.
    const postId = new URL(page.url()).searchParams.get("postId")!;
    const res = await page.request.get(`${running.url}/api/messages?postId=${encodeURIComponent(postId)}&queue=all&limit=200`);
    const { items } = (await res.json()) as { items: { id: string; post: { id: string } | null }[] };
    expect(items.length).toBeGreaterThan(100);
    expect(new Set(items.map((m) => m.post?.id))).toEqual(new Set([postId]));
    const ofPost = new Set(items.map((m) => m.id));
    const shownIds = () => page.locator(".message-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-message-id")!));
    await expect.poll(async () => (await shownIds()).filter((id) => !ofPost.has(id)), { timeout: 15_000 }).toEqual([]);
  });

  it("lets an admin tag posts into a campaign and point alerts at a webhook; a viewer only looks", async () => {
    // A Slack-like receiver on this machine, checking the signature as the docs tell receivers to.
    const secret = "browser-test-signing-secret";
    // Real alerts (the surge above resolving) may reach it too once it is set: keep the test's.
    const received: { signed: boolean; text: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        if (req.headers["x-surgedesk-event"] === "test") received.push({ signed: verifyAlertSignature(body, req.headers["x-surgedesk-signature"] as string, secret, new Date()), text: (JSON.parse(body) as { text: string }).text });
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    // Captions come from polling the emulated Instagram's media list: run the polls that are
    // due now rather than race them on a busy machine.
    await running.sync.drain();
    await running.ingest.drain();
    const admin = await signInAsDemoUser(await product.browser.newContext({ viewport: { width: 1440, height: 900 } }), running.url, "admin");
    try {
      await admin.goto(`${running.url}/spikes`);
      await admin.getByRole("link", { name: "Campaigns and alerts" }).click();
      await admin.waitForURL(/\/spikes\/settings/);

      // The week's posts, named by their captions (read from the emulated Instagram's media list).
      const form = admin.getByRole("form", { name: "New campaign" });
      const choices = form.locator(".post-choice");
      await choices.first().waitFor();
      const names = await choices.allTextContents();
      expect(names.join("\n")).toContain("Glowbar launch: the vitamin C glow serum is here");
      await form.getByLabel("Name").fill("Glow launch week");
      await choices.nth(0).locator("input").check();
      await choices.nth(1).locator("input").check();
      await form.getByRole("button", { name: "Create campaign" }).click();
      const campaign = admin.locator(".campaign-list > li", { hasText: "Glow launch week" });
      await campaign.locator("header", { hasText: "2 posts" }).waitFor();

      // Taking a post out again.
      await campaign.locator(".campaign-posts button").first().click();
      await campaign.locator("header", { hasText: "1 post" }).waitFor();

      // Its load shows on the spikes page as a campaign.
      await admin.goto(`${running.url}/spikes`);
      await admin.locator(".spike-table", { hasText: "Campaigns" }).locator("tbody tr", { hasText: "Glow launch week" }).waitFor();

      // The alert webhook: saved, then a signed test alert reaches the receiver.
      await admin.goto(`${running.url}/spikes/settings`);
      const hook = admin.getByRole("region", { name: "Alert webhook" });
      await hook.getByLabel("URL").fill(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/surgedesk`);
      await hook.getByLabel("Signing secret").fill(secret);
      await hook.getByRole("button", { name: "Save" }).click();
      await hook.getByText("Saved.").waitFor();
      await hook.getByRole("button", { name: "Send a test alert" }).click();
      await hook.getByRole("status").filter({ hasText: "Test alert delivered (HTTP 200)." }).waitFor();
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ signed: true, text: expect.stringContaining("Sample post (test)") });
      // The secret never comes back: not to the page, not from the API.
      expect(await hook.getByLabel("Signing secret").inputValue()).toBe("");
      expect(await admin.content()).not.toContain(secret);
      const settings = await admin.request.get(`${running.url}/api/spikes/webhook`);
      expect(await settings.json()).toMatchObject({ enabled: true, hasSecret: true });
      expect(await settings.text()).not.toContain(secret);
      await admin.screenshot({ path: join(artifactsDir, "spike-settings.png"), fullPage: true });

      // A viewer sees the campaign but can change nothing, and never the webhook.
      await page.goto(`${running.url}/spikes/settings`);
      await page.locator(".campaign-list > li", { hasText: "Glow launch week" }).waitFor();
      expect(await page.getByRole("form", { name: "New campaign" }).count()).toBe(0);
      expect(await page.locator(".campaign-list button").count()).toBe(0);
      expect(await page.getByRole("region", { name: "Alert webhook" }).count()).toBe(0);
      await page.getByText("Only an admin can see or change where alerts are sent.").waitFor();
    } finally {
      await admin.context().close();
      receiver.close();
    }
  });
});
