import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { OrderBulkReplyResponse, OrderQueue, OrderQueuesResponse, QueuedOrder } from "@surgedesk/shared";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedAccount } from "@surgedesk/devkit/emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { shopifyHandlers } from "@surgedesk/devkit/emulators/shopify/shopify-handlers.ts";
import { ShopifyStore } from "@surgedesk/devkit/emulators/shopify/shopify-store.ts";
import { connectEmulatedShop } from "@surgedesk/devkit/emulators/tiktok-shop/connect-emulated-shop.ts";
import type { EmulatedShop } from "@surgedesk/devkit/emulators/tiktok-shop/emulated-shop.ts";
import { sampleShopOrders, seedShopOrders, type SeededOrder } from "@surgedesk/devkit/emulators/tiktok-shop/seed-shop-orders.ts";
import { TikTokShopEmulator } from "@surgedesk/devkit/emulators/tiktok-shop/shop-emulator.ts";
import { seedMessage, type MessageSpec } from "@surgedesk/devkit/testing/seed-messages.ts";
import { createTestApp, TEST_TIKTOK_SHOP_APP_KEY, TEST_TIKTOK_SHOP_APP_SECRET, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { messages, replyOutbox } from "../api/src/db/schema/index.ts";
import { linkOrders } from "../api/src/orders/order-links.ts";

const DAY = 86_400_000;
const store = new ShopifyStore({ shopDomain: "glowbar-queues.myshopify.com", accessToken: "shpat_queues" });
const shopEmulator = new TikTokShopEmulator({ appKey: TEST_TIKTOK_SHOP_APP_KEY, appSecret: TEST_TIKTOK_SHOP_APP_SECRET });
const world = new InstagramWorld();
const server = startEmulatorServer([...shopEmulator.handlers(), ...shopifyHandlers(store), ...instagramGraphHandlers(world)]);

let t: TestApp;
let shop: EmulatedShop;
let seeded: Map<string, SeededOrder>;
let igAccountId: string;
let shopAccountId: string;
const ids: Record<string, string> = {};
let n = 0;

const seed = (spec: MessageSpec) => {
  n += 1;
  return seedMessage(t.database.db, { workspaceId: t.workspaceId, accountId: igAccountId }, { externalId: `q-${n}`, kind: "dm", classified: true, label: "order_status", ageMinutes: 30, ...spec });
};
const order = (key: string) => seeded.get(key)!.order;

beforeAll(async () => {
  t = await createTestApp({ shopify: { shopDomain: store.shopDomain, adminToken: store.accessToken, apiVersion: "2025-07" } });
  shop = shopEmulator.addShop();
  seeded = seedShopOrders(shop, sampleShopOrders(new Date()));
  shopAccountId = (await connectEmulatedShop(t.database.db, t.config, t.workspaceId, shop)).id;
  igAccountId = (await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, world.addAccount())).id;

  // Shopify: one unfulfilled for five days (delayed), one ordered yesterday (on time), one fulfilled.
  store.addOrder({ name: "#3001", email: "kai.m@example.com", customerName: "Kai Moreno", createdAt: new Date(Date.now() - 5 * DAY), fulfillmentStatus: "UNFULFILLED" });
  store.addOrder({ name: "#3002", email: "eva.l@example.com", customerName: "Eva Lind", createdAt: new Date(Date.now() - DAY), fulfillmentStatus: "UNFULFILLED" });
  store.addOrder({ name: "#3003", email: "ivo.p@example.com", customerName: "Ivo Petrov", createdAt: new Date(Date.now() - 8 * DAY), fulfillmentStatus: "FULFILLED" });
  // Shipped 12 days after it was ordered and still in transit (Shopify gives no promised date); and one delivered.
  const ups = (n: string) => ({ number: `1Z999AA1${n}`, url: `https://www.ups.com/track?tracknum=1Z999AA1${n}`, company: "UPS" });
  store.addOrder({ name: "#3004", email: "noor.a@example.com", customerName: "Noor Aziz", createdAt: new Date(Date.now() - 12 * DAY), fulfillmentStatus: "FULFILLED", fulfillments: [{ displayStatus: "IN_TRANSIT", createdAt: new Date(Date.now() - 9 * DAY), deliveredAt: null, estimatedDeliveryAt: new Date(Date.now() + DAY), tracking: ups("0000003004") }] });
  store.addOrder({ name: "#3005", email: "noor.a@example.com", customerName: "Noor Aziz", createdAt: new Date(Date.now() - 20 * DAY), fulfillmentStatus: "FULFILLED", fulfillments: [{ displayStatus: "DELIVERED", createdAt: new Date(Date.now() - 18 * DAY), deliveredAt: new Date(Date.now() - 15 * DAY), estimatedDeliveryAt: null, tracking: ups("0000003005") }] });

  const late = order("late");
  // The late TikTok Shop order: its buyer in their shop conversation, and a buyer on Instagram quoting its id.
  ids.lateShopDm = (
    await seed({ accountId: shopAccountId, platform: "tiktok", authorExternalId: late.user_id, threadKey: "tiktok_shop:conversation:conv-late-1", text: "hello?? still nothing" })
  ).id;
  ids.lateIgDm = (await seed({ text: `where is my order ${late.id}? it's been 12 days`, authorHandle: "sam.r" })).id;
  // A second message in the same conversation: one reply per conversation, to the latest.
  ids.lateIgDmEarlier = (await seed({ text: `order ${late.id} please`, threadKey: "instagram:dm:thread-sam", ageMinutes: 90 })).id;
  ids.lateIgDmLatest = (await seed({ text: `any news on ${late.id}?`, threadKey: "instagram:dm:thread-sam", ageMinutes: 10 })).id;
  // #3001: one buyer quoting it, one closed (answered already), one who wrote nothing but is linked.
  ids.kaiDm = (await seed({ text: "my order #3001 hasn't shipped, it's been 5 days" })).id;
  ids.closed = (await seed({ text: "#3001 where is it", status: "closed" })).id;
  ids.linked = (await seed({ text: "any update?? 😩", authorHandle: "kai.m" })).id;
  // On time: not in any queue.
  ids.evaDm = (await seed({ text: "did my order #3002 ship yet?" })).id;
});
afterAll(async () => {
  server.close();
  await t?.close();
});

const queues = async (): Promise<OrderQueuesResponse> => {
  const res = await t.app.request("/api/orders/queues");
  expect(res.status).toBe(200);
  return (await res.json()) as OrderQueuesResponse;
};
const inQueue = (body: OrderQueuesResponse, queue: OrderQueue) => body.queues.find((q) => q.queue === queue)!;
const refs = (body: OrderQueuesResponse, queue: OrderQueue) => inQueue(body, queue).orders.map((o) => o.orderRef);
const find = (body: OrderQueuesResponse, queue: OrderQueue, ref: string) => inQueue(body, queue).orders.find((o) => o.orderRef === ref)!;

describe("order-side queues", () => {
  it("lists TikTok Shop orders due to ship within 24 h without tracking, and nothing shipped", async () => {
    const body = await queues();
    expect(body.problems).toEqual([]);
    expect(refs(body, "ship_within_24h")).toEqual([`tiktok_shop:${order("ship-today").id}`]);
    const shipToday = find(body, "ship_within_24h", `tiktok_shop:${order("ship-today").id}`);
    expect(shipToday.why).toMatch(/^Ship by .+ UTC, no tracking yet$/);
    expect(inQueue(body, "ship_within_24h").count).toBe(1);
  });

  it("lists orders whose buyer asked to cancel, with the reason", async () => {
    const body = await queues();
    expect(refs(body, "cancellation_requested")).toEqual([`tiktok_shop:${order("cancel-requested").id}`]);
    expect(find(body, "cancellation_requested", `tiktok_shop:${order("cancel-requested").id}`).why).toContain("No longer needed");
  });

  it("lists orders past their promised delivery (TikTok Shop), and Shopify orders unfulfilled past the handling time or shipped and not delivered 10 days on", async () => {
    const body = await queues();
    // Not #3003 (fulfilled without tracking, 8 days) nor #3005 (delivered).
    expect(refs(body, "delayed").sort()).toEqual(["shopify:#3001", "shopify:#3004", `tiktok_shop:${order("late").id}`].sort());
    expect(find(body, "delayed", "shopify:#3004").why).toMatch(/^Shipped but not delivered 12 days after it was ordered \(.+; more than 10 days counts as late\)$/);
    expect(find(body, "delayed", `tiktok_shop:${order("late").id}`).why).toMatch(/^Not delivered: promised by /);
    expect(find(body, "delayed", "shopify:#3001").why).toMatch(/^Unfulfilled since .+ \(more than 3 days\)$/);
  });

  it("joins each order's open conversations: its buyer's shop chat, messages quoting it, buyers linked to it; one per conversation", async () => {
    const late = find(await queues(), "delayed", `tiktok_shop:${order("late").id}`);
    expect(late.waiting.map((w) => w.messageId).sort()).toEqual([ids.lateShopDm, ids.lateIgDm, ids.lateIgDmLatest].sort());
    // Shipped: the order-status macro, filled from the order (its number, the buyer's first name).
    expect(late.macroTitle).toBe("Order status (WISMO)");
    const draft = late.waiting.find((w) => w.messageId === ids.lateIgDm)!;
    expect(draft.draft).toContain(order("late").id);
    expect(draft.draft).toContain("Sam");
    // TikTok Shop gives no tracking page: the agent fills that one in.
    expect(draft.unfilled).toEqual(["tracking_url"]);

    let kai = find(await queues(), "delayed", "shopify:#3001");
    expect(kai.waiting.map((w) => w.messageId)).toEqual([ids.kaiDm]);
    expect(kai.macroTitle).toBe("High-demand shipping delay");
    await linkOrders(t.database.db, { workspaceId: t.workspaceId, contactId: "contact_kai", orders: [kai.order], foundBy: "by the email kai.m@example.com" });
    await t.database.db.update(messages).set({ contactId: "contact_kai" }).where(eq(messages.id, ids.linked!));
    kai = find(await queues(), "delayed", "shopify:#3001");
    expect(kai.waiting.map((w) => w.messageId).sort()).toEqual([ids.kaiDm, ids.linked].sort());
  });

  it("says in words when a shop cannot be asked, and still shows what the other answered", async () => {
    store.fail({ kind: "http", status: 500 });
    const body = await queues();
    expect(body.problems).toEqual([expect.stringMatching(/^Shopify did not answer \(.*500.*\): try again shortly\.$/)]);
    expect(refs(body, "delayed")).toEqual([`tiktok_shop:${order("late").id}`]);
  });

  it("is for agents only", async () => {
    const viewer = await t.tokenFor("viewer");
    const headers = { authorization: `Bearer ${viewer}` };
    expect((await t.app.request("/api/orders/queues", { headers })).status).toBe(403);
    const res = await t.app.request("/api/orders/queues/reply", { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ idempotencyKey: "bulk-viewer-1", replies: [{ messageId: ids.kaiDm, text: "hi" }] }) });
    expect(res.status).toBe(403);
  });
});

describe("reply to everyone waiting on one order", () => {
  const send = (body: unknown) => t.app.send("POST", "/api/orders/queues/reply", body);
  const filled = (o: QueuedOrder) => o.waiting.map((w) => ({ messageId: w.messageId, text: w.draft.replace("{{tracking_url}}", "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111206213859649876") }));
  const outboxOf = (messageId: string) => t.database.db.select().from(replyOutbox).where(and(eq(replyOutbox.workspaceId, t.workspaceId), eq(replyOutbox.messageId, messageId)));

  it("queues one private reply per buyer, exactly once however often the request is retried", async () => {
    const late = find(await queues(), "delayed", `tiktok_shop:${order("late").id}`);
    const replies = filled(late);
    const request = { idempotencyKey: "bulk-late-0001", replies };
    const first = await send(request);
    expect(first.status).toBe(202);
    const firstBody = (await first.json()) as OrderBulkReplyResponse;
    expect(firstBody.results.every((r) => r.queued && r.outboxIds.length === 1 && r.problem === null)).toBe(true);
    for (let i = 0; i < 2; i++) {
      const again = await send(request);
      expect(again.status).toBe(202);
      expect(((await again.json()) as OrderBulkReplyResponse).results).toEqual(firstBody.results);
    }
    for (const { messageId, text } of replies) {
      const rows = await outboxOf(messageId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: "dm", text, idempotencyKey: `bulk-late-0001:${messageId}:private` });
    }
    // The buyer's TikTok Shop chat is answered in its conversation, the Instagram ones by DM.
    expect((await outboxOf(ids.lateShopDm!))[0]).toMatchObject({ platform: "tiktok", target: { conversationId: "conv-late-1" } });
  });

  it("refuses, before queuing anything, a reply with an unfilled variable, an unknown message, or a buyer twice", async () => {
    const unfilled = await send({ idempotencyKey: "bulk-bad-0001", replies: [{ messageId: ids.evaDm, text: "Hi! Order #3002 is on its way" }, { messageId: ids.kaiDm, text: "Hi! Track it: {{tracking_url}}" }] });
    expect(unfilled.status).toBe(400);
    expect(await unfilled.json()).toMatchObject({ error: { code: "bad_request", message: expect.stringContaining("{{tracking_url}}") } });
    expect(await outboxOf(ids.evaDm!)).toHaveLength(0);

    const unknown = await send({ idempotencyKey: "bulk-bad-0002", replies: [{ messageId: "msg_nope", text: "Hi" }] });
    expect(unknown.status).toBe(404);
    const twice = await send({ idempotencyKey: "bulk-bad-0003", replies: [{ messageId: ids.evaDm, text: "a" }, { messageId: ids.evaDm, text: "b" }] });
    expect(twice.status).toBe(400);
    expect((await send({ idempotencyKey: "short", replies: [] })).status).toBe(400);
    expect((await send({ replies: "all" })).status).toBe(400);
    expect(await outboxOf(ids.evaDm!)).toHaveLength(0);
  });

  it("names the buyer a platform rule refuses and still answers the others", async () => {
    const stale = (await seed({ text: "my order #3001??", ageMinutes: 3 * 24 * 60 })).id;
    const res = await send({ idempotencyKey: "bulk-kai-0001", replies: [{ messageId: stale, text: "Sorry for the wait!" }, { messageId: ids.kaiDm, text: "Sorry for the wait!" }] });
    expect(res.status).toBe(202);
    const { results } = (await res.json()) as OrderBulkReplyResponse;
    expect(results[0]).toMatchObject({ messageId: stale, queued: false, problem: expect.stringContaining("24 hours") });
    expect(results[1]).toMatchObject({ messageId: ids.kaiDm, queued: true });
  });
});
