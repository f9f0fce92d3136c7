import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { connectedAccounts } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { createLogger } from "../lib/logger.ts";
import { createWebhookActivity, WEBHOOK_ACTIVITY_INTERVAL_MS } from "./webhook-activity.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.request("/api/accounts", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ channel: "instagram", externalAccountId: "17841400000000001", handle: "glowbar.co", accessToken: "IGQ-test" }),
  });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

const lastWebhookAt = async () =>
  (await t.database.db.select().from(connectedAccounts).where(eq(connectedAccounts.externalAccountId, "17841400000000001")))[0]?.lastWebhookAt ?? null;

describe("last webhook received, per account", () => {
  it("is shown on the account once a signed delivery for it is stored", async () => {
    const { body } = instagramCommentDelivery();
    expect((await t.anonymous.request("/webhooks/instagram", signedInstagramPost(body))).status).toBe(200);
    await expect.poll(async () => {
      const list = (await (await t.app.request("/api/accounts")).json()) as { items: { lastWebhookAt: string | null }[] };
      return list.items[0]?.lastWebhookAt ?? null;
    }).not.toBeNull();
  });

  it("is written at most once per account per interval, never moves back, and ignores polls", async () => {
    let now = Date.parse("2030-01-01T10:00:00Z");
    const activity = createWebhookActivity(t.database.db, createLogger("silent"), () => now);
    const delivery = { format: "instagram.webhook", source: "webhook" as const, body: "{}", accountRef: { channel: "instagram", externalAccountId: "17841400000000001" } };

    activity.stored(delivery);
    await activity.settled();
    expect(await lastWebhookAt()).toEqual(new Date(now));

    // A burst within the interval: no write, so the time stays at the burst's first delivery.
    for (let i = 0; i < 50; i++) {
      now += 50;
      activity.stored(delivery);
    }
    activity.stored({ ...delivery, source: "poll" });
    await activity.settled();
    expect(await lastWebhookAt()).toEqual(new Date("2030-01-01T10:00:00Z"));

    now = Date.parse("2030-01-01T10:00:00Z") + WEBHOOK_ACTIVITY_INTERVAL_MS;
    activity.stored(delivery);
    await activity.settled();
    expect(await lastWebhookAt()).toEqual(new Date(now));

    // Another process with an older clock cannot move it back.
    const behind = createWebhookActivity(t.database.db, createLogger("silent"), () => Date.parse("2030-01-01T09:00:00Z"));
    behind.stored(delivery);
    await behind.settled();
    expect(await lastWebhookAt()).toEqual(new Date(now));
  });
});
