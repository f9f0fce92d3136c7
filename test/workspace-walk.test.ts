import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRoutes } from "../api/src/app.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createWorkspaceWithAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import type { Macro, MessagePage } from "@surgedesk/shared";

/** Every trace workspace A leaves carries this word: texts, names, handles, emails, URLs. */
const MARK = "alphasecret";

/**
 * Workspace B's admin walks every GET route of the API (taken from the router itself, so a new
 * route is walked without anyone remembering to add it) with ids that belong to workspace A, and
 * sees 404 or B's own data — never a trace of A.
 */
describe("every GET /api route, as another workspace, with this workspace's ids", () => {
  let t: TestApp;
  let theirToken: string;
  const ids: Record<string, string> = {};

  const as = (token: string | undefined) => (path: string, init: RequestInit = {}) =>
    token ? t.anonymous.request(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } }) : t.app.request(path, init);

  beforeAll(async () => {
    t = await createTestApp();
    // Workspace A (the test app's own, acting as its admin) gets data through the product's own
    // paths: a connected account, a delivered comment, a campaign, a macro, a user, a token,
    // an alert webhook, a relabel (audited).
    const connect = await t.app.send("POST", "/api/accounts", { channel: "instagram", externalAccountId: "17841400000000001", handle: `${MARK}_shop`, accessToken: `${MARK}-token` });
    expect(connect.status).toBeLessThan(300);
    const delivery = instagramCommentDelivery({ text: `${MARK}: my parcel arrived broken, order #1001` });
    expect((await t.app.request("/webhooks/instagram", signedInstagramPost(delivery.body))).status).toBe(200);
    await t.ingest.drain();
    const page = (await (await t.app.request("/api/messages?queue=all")).json()) as MessagePage;
    const message = page.items.find((m) => m.text.includes(MARK))!;
    ids.message = message.id;
    ids.contact = message.contactId ?? "";
    const created = await t.app.send("POST", "/api/spikes/campaigns", { name: `${MARK} launch`, postExternalIds: ["18172143295349192"] });
    const campaign = (await created.json()) as { id: string; posts: { id: string }[] };
    expect(created.status, JSON.stringify(campaign)).toBe(201);
    ids.post = campaign.posts[0]!.id;
    ids.campaign = campaign.id;
    const macro = (await (await t.app.send("POST", "/api/macros", { title: `${MARK} macro`, body: `Hi, ${MARK} here`, channel: "public", language: "en" })).json()) as Macro;
    ids.macro = macro.id;
    const user = (await (await t.app.send("POST", "/api/users", { email: `${MARK}@brand-a.test`, name: `${MARK} agent`, role: "agent", password: "a-long-enough-password" })).json()) as { id: string };
    ids.user = user.id;
    const token = (await (await t.app.send("POST", "/api/tokens", { name: `${MARK} token`, role: "viewer" })).json()) as { id?: string };
    ids.token = token.id ?? "";
    await t.app.send("PUT", "/api/spikes/webhook", { url: `https://${MARK}.example/hook`, secret: "a-receiver-secret-of-some-length" });
    await t.app.send("PATCH", `/api/messages/${ids.message}`, { label: "damaged_item" });

    const other = await createWorkspaceWithAccount(t.database.db, "Brand B");
    theirToken = await t.tokenFor("admin", other.workspaceId);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  /** The GET routes the API serves, with path and query filled with A's ids. */
  function walk(): string[] {
    const paths = [...new Set(apiRoutes().routes.filter((r) => r.method === "GET" && r.path.startsWith("/api/")).map((r) => r.path))];
    const urls: string[] = [];
    for (const path of paths) {
      if (path === "/api/live/stream") continue; // a stream, not a page: its isolation is tested on the live events
      // A redirect back to Settings that shows no data; its state is bound to the user and workspace (oauth-routes.test.ts).
      if (path === "/api/accounts/oauth/:channel/callback") continue;
      const filled = path
        .replace(/\/messages\/:id/, `/messages/${ids.message}`)
        .replace(/\/api\/macros\/:id/, `/api/macros/${ids.macro}`)
        .replace(/\/api\/posts\/:id/, `/api/posts/${ids.post}`)
        .replace(/\/api\/contacts\/:id/, `/api/contacts/${ids.contact}`)
        .replace(/:messageId/, ids.message!);
      expect(filled, `a GET route with a parameter this walk cannot fill: ${path}`).not.toContain(":");
      if (filled !== "/api/spikes/series" && filled !== "/api/orders/search") urls.push(filled); // they need their query (below)
      if (filled === "/api/orders/search") urls.push(`${filled}?q=${encodeURIComponent("#1001")}`);
      // Query parameters that name things: every one given A's ids.
      if (filled === "/api/messages" || filled === "/api/queues/count") {
        urls.push(`${filled}?postId=${ids.post}`, `${filled}?campaignId=${ids.campaign}`, `${filled}?assignee=${ids.user}`, `${filled}?q=${MARK}`);
        if (filled === "/api/messages") urls.push(`${filled}?ids=${ids.message}`);
      }
      if (filled === "/api/spikes/series") urls.push(`${filled}?kind=post&ids=${ids.post}`, `${filled}?kind=campaign&ids=${ids.campaign}`);
      if (filled === "/api/audit") urls.push(`${filled}?entityId=${ids.message}`, `${filled}?entityId=${ids.user}`);
    }
    return urls;
  }

  it("shows workspace A its own data on these routes (so the walk below looks where A's data is)", async () => {
    const request = as(undefined);
    const seen: string[] = [];
    for (const url of walk()) {
      const res = await request(url);
      if ((await res.text()).toLowerCase().includes(MARK)) seen.push(url.split("?")[0]!);
    }
    for (const route of ["/api/messages", `/api/messages/${ids.message}`, "/api/accounts", "/api/spikes/campaigns", "/api/users", "/api/audit", "/api/macros", "/api/spikes/webhook", "/api/spikes/series"]) {
      expect(seen, route).toContain(route);
    }
  });

  it("shows workspace B a 404 or its own data, never a trace of A", async () => {
    const request = as(theirToken);
    const leaks: string[] = [];
    for (const url of walk()) {
      const res = await request(url);
      const body = await res.text();
      expect([200, 404], `${url} answered ${res.status}: ${body.slice(0, 200)}`).toContain(res.status);
      if (body.toLowerCase().includes(MARK)) leaks.push(`${url}: ${body.slice(0, 300)}`);
    }
    expect(leaks).toEqual([]);
  });

  it("counts only B's own deliveries and messages in B's ingest status", async () => {
    const ours = (await (await as(undefined)("/api/ingest/status")).json()) as { totalEvents: number; totalMessages: number };
    expect(ours.totalEvents).toBeGreaterThan(0);
    expect(ours.totalMessages).toBeGreaterThan(0);
    const theirs = await (await as(theirToken)("/api/ingest/status")).json();
    expect(theirs).toMatchObject({ totalEvents: 0, totalMessages: 0, pendingEvents: 0, failedEvents: 0, oldestPendingAgeSeconds: 0, deadLettered: [] });
  });
});
