import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAccount } from "../api/src/accounts/connect-account.ts";
import { SHIPPED_CONNECTORS } from "../api/src/connectors/registry.ts";
import { createLogger } from "../api/src/lib/logger.ts";
import { createOutboxWorker } from "../api/src/outbox/outbox-worker.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { fakechatConnector } from "./fourth-platform/index.ts";
import { FAKECHAT_WEBHOOK_TOKEN, fakechatWorld } from "./fourth-platform/fakechat-world.ts";
import { FAKECHAT_CHANNEL } from "./fourth-platform/normalize.ts";

/**
 * Adding a platform is one folder (./fourth-platform) and one entry in the connector list: with
 * nothing else changed, its webhook is served, its polls run, its messages reach the inbox and
 * are classified, and agents reply to and hide them through it.
 */
describe("a fourth platform added as one folder plus one list entry", () => {
  let t: TestApp;
  const comment = (id: string, text: string) => ({
    id,
    accountId: "fc-brand",
    postId: "fc-post-1",
    author: { id: `fc-user-${id}`, name: `buyer_${id}` },
    text,
    createdAt: new Date().toISOString(),
  });

  beforeAll(async () => {
    t = await createTestApp({}, { connectors: [...SHIPPED_CONNECTORS, fakechatConnector] });
    await connectAccount(t.database.db, t.config, { workspaceId: t.workspaceId, channel: FAKECHAT_CHANNEL, externalAccountId: "fc-brand", accessToken: "fc-token" }, t.connectors);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function inbox() {
    const res = await t.app.request("/api/messages?limit=50");
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: { id: string; platform: string; externalId: string; text: string; label: string | null }[] }).items;
  }

  it("serves its webhook, refuses a bad signature and ingests a delivery", async () => {
    const body = JSON.stringify({ comments: [comment("c1", "where is my order? it has been two weeks")] });
    const refused = await t.anonymous.request("/webhooks/fakechat", { method: "POST", body, headers: { "x-fakechat-token": "wrong" } });
    expect(refused.status).toBe(401);
    const accepted = await t.anonymous.request("/webhooks/fakechat", { method: "POST", body, headers: { "x-fakechat-token": FAKECHAT_WEBHOOK_TOKEN } });
    expect(accepted.status).toBe(200);
    await t.ingest.drain();
    const stored = (await inbox()).find((m) => m.externalId === "c1");
    expect(stored).toMatchObject({ platform: "fakechat", text: "where is my order? it has been two weeks" });
    expect(stored?.label).toBe("order_status");
  });

  it("polls it from the root resource every connected account starts with", async () => {
    fakechatWorld.addComment(comment("c2", "love this, bought three"));
    await t.sync.drain();
    await t.ingest.drain();
    expect((await inbox()).map((m) => m.externalId)).toContain("c2");
  });

  it("replies and hides through its sender and hide operation", async () => {
    const message = (await inbox()).find((m) => m.externalId === "c2")!;
    const send = await t.app.request(`/api/replies/${message.id}/send`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ channel: "public", text: "Thank you so much!" }),
    });
    expect(send.status).toBe(202);
    const worker = createOutboxWorker({ db: t.database.db, config: t.config, logger: createLogger("silent"), connectors: t.connectors });
    await worker.drain({ timeoutMs: 10_000 });
    expect(fakechatWorld.replies).toEqual([{ commentId: "c2", text: "Thank you so much!", id: "reply-1" }]);

    const hide = await t.app.request(`/api/messages/${message.id}/hide`, { method: "POST" });
    expect(hide.status).toBe(200);
    expect([...fakechatWorld.hidden]).toEqual(["c2"]);

    const dm = await t.app.request(`/api/replies/${message.id}/comment-to-dm`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ publicText: "Check your DMs" }),
    });
    expect(dm.status).toBe(400);
    expect(((await dm.json()) as { error: { message: string } }).error.message).toBe("Fakechat has no private messages.");
  });
});
