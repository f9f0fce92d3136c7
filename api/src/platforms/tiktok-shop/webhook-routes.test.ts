import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedShop } from "@surgedesk/devkit/emulators/tiktok-shop/connect-emulated-shop.ts";
import type { EmulatedShop } from "@surgedesk/devkit/emulators/tiktok-shop/emulated-shop.ts";
import { seedShop } from "@surgedesk/devkit/emulators/tiktok-shop/seed-shop.ts";
import {
  TikTokShopEmulator,
  deliveryRequest,
  outOfOrder,
  repeatedDeliveries,
  type SignedDelivery,
} from "@surgedesk/devkit/emulators/tiktok-shop/shop-emulator.ts";
import { signShopWebhook } from "./webhook-signature.ts";
import { readFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { createTestApp, TEST_TIKTOK_SHOP_APP_KEY, TEST_TIKTOK_SHOP_APP_SECRET, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";

const emulator = new TikTokShopEmulator({ appKey: TEST_TIKTOK_SHOP_APP_KEY, appSecret: TEST_TIKTOK_SHOP_APP_SECRET });
const server = startEmulatorServer(emulator.handlers());

let t: TestApp;
let shop: EmulatedShop;
let accountId: string;
beforeAll(async () => {
  t = await createTestApp();
  shop = emulator.addShop();
  seedShop(shop, { conversations: 3, messagesPerConversation: 12, start: new Date(Date.now() - 3 * 24 * 3_600_000) });
  accountId = (await connectEmulatedShop(t.database.db, t.config, t.workspaceId, shop)).id;
  // The backfill: after it, every conversation is scheduled well into the future.
  await t.sync.drain();
  await t.ingest.drain();
});
afterAll(async () => {
  server.close();
  await t?.close();
});

const post = (delivery: SignedDelivery) => t.app.request("/webhooks/tiktok-shop", deliveryRequest(delivery));
const signed = (body: string, secret = TEST_TIKTOK_SHOP_APP_SECRET, appKey = TEST_TIKTOK_SHOP_APP_KEY): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", authorization: signShopWebhook(body, appKey, secret) },
  body,
});
/** A fixture's envelope signed `ageMs` ago (now by default): the route refuses stale timestamps. */
const stamped = (fixture: string, ageMs = 0) =>
  fixture.replace(/"timestamp":\s*\d+/, `"timestamp": ${Math.floor((Date.now() - ageMs) / 1000)}`);
const countEvents = async () => (await t.database.db.query.inboundEvents.findMany({ columns: { id: true } })).length;
const storedWithId = (messageId: string) =>
  t.database.db.query.messages.findMany({ where: (m, { eq }) => eq(m.externalId, `tiktok_shop:${messageId}`) });

describe("POST /webhooks/tiktok-shop", () => {
  it("stores a correctly signed delivery as received; the delivery itself yields no message", async () => {
    const body = stamped(readFixture("tiktok-shop/webhook-new-message.json"));
    const res = await t.app.request("/webhooks/tiktok-shop", signed(body));
    expect(res.status).toBe(200);
    const { eventId } = (await res.json()) as { eventId: number };
    const event = await t.database.db.query.inboundEvents.findFirst({ where: (e, { eq }) => eq(e.id, eventId) });
    // The fixture's shop is not connected here: stored all the same, with no account.
    expect(event).toMatchObject({ body, format: "tiktok_shop.webhook", platform: "tiktok", source: "webhook", accountId: null });
    await t.ingest.drain();
    const processed = await t.database.db.query.inboundEvents.findFirst({ where: (e, { eq }) => eq(e.id, eventId) });
    expect(processed).toMatchObject({ status: "processed", outcome: { messages: 0 } });
  });

  it.each([
    ["a signature made with the wrong secret", (body: string) => signed(body, "not-the-secret")],
    ["a signature made for another app key", (body: string) => signed(body, TEST_TIKTOK_SHOP_APP_SECRET, "another-app")],
    ["a body tampered with after signing", (body: string) => ({ ...signed(body), body: body.replace("7494049642642441621", "7494049642642441622") })],
    ["no Authorization header", (body: string) => ({ method: "POST", headers: { "content-type": "application/json" }, body })],
    ["a Bearer-style header", (body: string) => ({ method: "POST", headers: { authorization: `Bearer ${signShopWebhook(body, TEST_TIKTOK_SHOP_APP_KEY, TEST_TIKTOK_SHOP_APP_SECRET)}` }, body })],
    ["a correctly signed delivery whose timestamp is 6 minutes old", (body: string) => signed(stamped(body, 6 * 60_000))],
    ["a correctly signed delivery whose timestamp is 10 minutes ahead", (body: string) => signed(stamped(body, -10 * 60_000))],
    ["a correctly signed delivery from 2025 (the fixture as recorded)", () => signed(readFixture("tiktok-shop/webhook-new-message.json"))],
  ])("refuses %s with 401 and stores nothing", async (_, makeRequest) => {
    const body = stamped(readFixture("tiktok-shop/webhook-new-message.json"));
    const before = await countEvents();
    const res = await t.app.request("/webhooks/tiktok-shop", makeRequest(body));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthorized", message: expect.any(String) } });
    expect(await countEvents()).toBe(before);
  });

  it("answers 400 for a signed body that is not JSON, and stores nothing", async () => {
    const before = await countEvents();
    const res = await t.app.request("/webhooks/tiktok-shop", signed('{"type":14,'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_json" } });
    expect(await countEvents()).toBe(before);
  });

  it("answers 400 naming the field for a signed new-message event without its conversation", async () => {
    const before = await countEvents();
    const body = JSON.stringify({ type: 14, shop_id: shop.shopId, timestamp: Math.floor(Date.now() / 1000), data: { message_id: "1" } });
    const res = await t.app.request("/webhooks/tiktok-shop", signed(body));
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("validation_failed");
    expect(error.message).toContain("data.conversation_id");
    expect(await countEvents()).toBe(before);
  });

  it("stores an order update in the order events' own format (see orders/order-webhooks.test.ts)", async () => {
    const res = await t.app.request("/webhooks/tiktok-shop", signed(stamped(readFixture("tiktok-shop/webhook-order-status.json"))));
    expect(res.status).toBe(200);
    const { eventId } = (await res.json()) as { eventId: number };
    const event = await t.database.db.query.inboundEvents.findFirst({ where: (e, { eq }) => eq(e.id, eventId) });
    expect(event?.format).toBe("tiktok_shop.order_webhook");
  });

  it("stores another subscription's event (a product update) and gathers nothing from it", async () => {
    const body = JSON.stringify({ type: 5, tts_notification_id: "7327112393057371999", shop_id: "7494049642642441621", timestamp: Math.floor(Date.now() / 1000), data: { product_id: "1729385721903450000", status: "ACTIVATE", update_time: Math.floor(Date.now() / 1000) } });
    const res = await t.app.request("/webhooks/tiktok-shop", signed(body));
    expect(res.status).toBe(200);
    const { eventId } = (await res.json()) as { eventId: number };
    await t.ingest.drain();
    const event = await t.database.db.query.inboundEvents.findFirst({ where: (e, { eq }) => eq(e.id, eventId) });
    expect(event).toMatchObject({ format: "tiktok_shop.webhook", status: "processed", outcome: { messages: 0, skipped: ["webhook type 5 is not gathered"] } });
  });

  it("gathers a new message once when its webhook arrives five times, storing the delivery once", async () => {
    const conversation = [...shop.conversations.values()][1]!;
    const message = shop.addBuyerMessage(conversation.id, "it's been 3 weeks, where is my order??");
    const reads = emulator.messageReads(conversation.id).length;
    const answers = [];
    for (const delivery of repeatedDeliveries(emulator.newMessageDelivery(shop, conversation, message), 5)) {
      const res = await post(delivery);
      expect(res.status).toBe(200);
      answers.push(((await res.json()) as { repeat: boolean }).repeat);
    }
    expect(answers).toEqual([false, true, true, true, true]);
    const events = await t.database.db.query.inboundEvents.findMany({
      where: (e, { and, eq }) => and(eq(e.accountId, accountId), eq(e.format, "tiktok_shop.webhook")),
    });
    expect(events).toHaveLength(1);

    await t.sync.drain();
    await t.ingest.drain();
    const stored = await storedWithId(message.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ text: "it's been 3 weeks, where is my order??", direction: "inbound", status: "open", kind: "dm" });
    // The deliveries made the conversation due once: one read found the message.
    expect(emulator.messageReads(conversation.id).length - reads).toBe(1);
  });

  it("does not make the conversation due again for an exact repeat arriving after its poll", async () => {
    const conversation = [...shop.conversations.values()][0]!;
    const message = shop.addBuyerMessage(conversation.id, "any update on my refund?");
    const delivery = emulator.newMessageDelivery(shop, conversation, message);
    expect((await post(delivery)).status).toBe(200);
    await t.sync.drain();
    const reads = emulator.messageReads(conversation.id).length;
    // TikTok retries: our first 200 was lost. A second forced poll would read the conversation again.
    const repeat = await post(delivery);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ repeat: true });
    await t.sync.drain();
    expect(emulator.messageReads(conversation.id).length).toBe(reads);
  });

  it("gathers every message once when deliveries come out of order", async () => {
    const conversation = [...shop.conversations.values()][2]!;
    const sent = ["hello", "I got the wrong shade", "can I swap it for 03?", "order 576893021845237781"].map((text) =>
      shop.addBuyerMessage(conversation.id, text),
    );
    const deliveries = sent.map((m) => emulator.newMessageDelivery(shop, conversation, m));
    for (const delivery of outOfOrder([...deliveries, deliveries[0]!, deliveries[2]!])) expect((await post(delivery)).status).toBe(200);
    await t.sync.drain();
    await t.ingest.drain();
    for (const message of sent) expect(await storedWithId(message.id)).toHaveLength(1);
  });

  it("discovers a new conversation from its webhook and gathers its first message", async () => {
    const conversation = shop.addConversation({ buyerNickname: "new.buyer" });
    const message = shop.addBuyerMessage(conversation.id, "hi! do you have the vitamin C serum in stock?");
    expect((await post(emulator.newConversationDelivery(shop, conversation))).status).toBe(200);
    expect((await post(emulator.newMessageDelivery(shop, conversation, message))).status).toBe(200);
    await t.sync.drain();
    await t.ingest.drain();
    const [stored] = await storedWithId(message.id);
    expect(stored).toMatchObject({ authorHandle: "new.buyer", threadKey: `tiktok_shop:conversation:${conversation.id}` });
  });

  it("accepts a delivery signed 4 minutes ago: within the tolerance", async () => {
    const res = await t.app.request("/webhooks/tiktok-shop", signed(stamped(readFixture("tiktok-shop/webhook-order-status.json"), 4 * 60_000)));
    expect(res.status).toBe(200);
  });

  it("answers a 4xx or stores the delivery for any signed body, never a 500", async () => {
    const conversationId = [...shop.conversations.keys()][0]!;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc
            .record({
              type: fc.oneof(fc.constantFrom(13, 14, "14", "NEW_MESSAGE", 1), fc.integer(), fc.string()),
              tts_notification_id: fc.option(fc.string()),
              shop_id: fc.oneof(fc.constant(shop.shopId), fc.string(), fc.integer()),
              timestamp: fc.oneof(
                fc.integer({ min: -60, max: 60 }).map((s) => Math.floor(Date.now() / 1000) + s),
                fc.integer({ min: 0, max: 4_000_000_000 }),
                fc.double(),
                fc.string(),
              ),
              data: fc.oneof(
                fc.record(
                  {
                    conversation_id: fc.oneof(fc.constant(conversationId), fc.string(), fc.nat(), fc.constant(null)),
                    message_id: fc.option(fc.string()),
                    content: fc.string({ unit: "grapheme" }),
                  },
                  { requiredKeys: [] },
                ),
                fc.jsonValue(),
              ),
            })
            .map((v) => JSON.stringify(v)),
        ),
        async (body) => {
          const before = await countEvents();
          const res = await t.app.request("/webhooks/tiktok-shop", signed(body));
          expect([200, 400, 401]).toContain(res.status);
          expect(await countEvents()).toBe(before + (res.status === 200 ? 1 : 0));
        },
      ),
      { numRuns: 150 },
    );
    // Whatever was stored is processed without a failed event.
    await t.ingest.drain();
    const failed = await t.database.db.query.inboundEvents.findMany({ where: (e, { eq }) => eq(e.status, "failed") });
    expect(failed).toEqual([]);
  });
});
