import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LiveOrderChangedEvent } from "@surgedesk/shared";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedShop } from "@surgedesk/devkit/emulators/tiktok-shop/connect-emulated-shop.ts";
import type { EmulatedShop } from "@surgedesk/devkit/emulators/tiktok-shop/emulated-shop.ts";
import { sampleShopOrders, seedShopOrders, type SeededOrder } from "@surgedesk/devkit/emulators/tiktok-shop/seed-shop-orders.ts";
import { TikTokShopEmulator, deliveryRequest, repeatedDeliveries } from "@surgedesk/devkit/emulators/tiktok-shop/shop-emulator.ts";
import { createTestApp, TEST_TIKTOK_SHOP_APP_KEY, TEST_TIKTOK_SHOP_APP_SECRET, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import type { BusEvent } from "../../../events/event-bus.ts";
import { readSse } from "../../../live/read-sse.ts";
import { signShopWebhook } from "../webhook-signature.ts";
import { ORDER_WEBHOOK_FORMAT } from "./order-webhook.ts";

const emulator = new TikTokShopEmulator({ appKey: TEST_TIKTOK_SHOP_APP_KEY, appSecret: TEST_TIKTOK_SHOP_APP_SECRET });
const server = startEmulatorServer(emulator.handlers());

let t: TestApp;
let shop: EmulatedShop;
let seeded: Map<string, SeededOrder>;
let accountId: string;
const heard: BusEvent[] = [];
beforeAll(async () => {
  t = await createTestApp();
  shop = emulator.addShop();
  seeded = seedShopOrders(shop, sampleShopOrders(new Date()));
  accountId = (await connectEmulatedShop(t.database.db, t.config, t.workspaceId, shop)).id;
  t.live.events.subscribe((event) => heard.push(event));
});
afterAll(async () => {
  server.close();
  await t?.close();
});

const post = (request: RequestInit) => t.app.request("/webhooks/tiktok-shop", request);
const signed = (body: string, secret = TEST_TIKTOK_SHOP_APP_SECRET): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", authorization: signShopWebhook(body, TEST_TIKTOK_SHOP_APP_KEY, secret) },
  body,
});
const orderEvents = () =>
  t.database.db.query.inboundEvents.findMany({ where: (e, { eq }) => eq(e.format, ORDER_WEBHOOK_FORMAT), orderBy: (e, { asc }) => asc(e.id) });
const messageCount = async () => (await t.database.db.query.messages.findMany({ columns: { id: true } })).length;
const orderChanges = () => heard.filter((e): e is Extract<BusEvent, { type: "order" }> => e.type === "order");
/** Publishing follows the batch's commit, off the ingest path: wait until the bus has heard it. */
const announced = (orderId: string) => vi.waitFor(() => expect(orderChanges().map((e) => e.orderId)).toContain(orderId));

describe("TikTok Shop order webhooks", () => {
  it("stores an ORDER_STATUS_CHANGE once however often it arrives, makes no message, and tells the workspace's consoles", async () => {
    const { order } = seeded.get("ship-today")!;
    shop.orderBook.setOrderStatus(order.id, "AWAITING_COLLECTION");
    const delivery = emulator.orderStatusDelivery(shop, order);
    const stream = readSse(await t.app.request("/api/live/stream"));
    try {
      await stream.next((e) => e.event === "ready");
      const messagesBefore = await messageCount();
      const repeats: boolean[] = [];
      for (const copy of repeatedDeliveries(delivery, 3)) {
        const res = await post(deliveryRequest(copy));
        expect(res.status).toBe(200);
        repeats.push(((await res.json()) as { repeat: boolean }).repeat);
      }
      expect(repeats).toEqual([false, true, true]);
      const stored = await orderEvents();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ body: delivery.body, accountId, platform: "tiktok", source: "webhook", status: "pending" });

      await t.ingest.drain();
      const [processed] = await orderEvents();
      expect(processed).toMatchObject({ status: "processed", outcome: { messages: 0, orders: 1 } });
      expect(await messageCount()).toBe(messagesBefore);

      const changed = await stream.next((e) => e.event === "order.changed");
      expect(changed.data).toEqual({ system: "tiktok_shop", orderId: order.id } satisfies LiveOrderChangedEvent);
      await announced(order.id);
      expect(orderChanges().filter((e) => e.orderId === order.id)).toEqual([{ type: "order", workspaceId: t.workspaceId, system: "tiktok_shop", orderId: order.id }]);
    } finally {
      await stream.close();
    }
  });

  it("reads RETURN_STATUS_CHANGE (12) and CANCELLATION_STATUS_CHANGE (11) as changes to their orders", async () => {
    const refund = seeded.get("damaged-refund")!;
    const cancel = seeded.get("cancel-requested")!;
    shop.orderBook.setReturnStatus(refund.returns[0]!.return_id, "RETURN_OR_REFUND_REQUEST_SUCCESS");
    shop.orderBook.setCancellationStatus(cancel.cancellation!.cancel_id, "CANCELLATION_REQUEST_COMPLETE");
    const returnDelivery = emulator.returnStatusDelivery(shop, refund.returns[0]!);
    const cancelDelivery = emulator.cancellationStatusDelivery(shop, cancel.cancellation!);
    expect(JSON.parse(returnDelivery.body)).toMatchObject({ type: 12, data: { return_status: "RETURN_OR_REFUND_REQUEST_SUCCESS", return_type: "REFUND" } });
    expect(JSON.parse(cancelDelivery.body)).toMatchObject({ type: 11, data: { cancel_status: "CANCELLATION_REQUEST_COMPLETE" } });
    const messagesBefore = await messageCount();
    expect((await post(deliveryRequest(returnDelivery))).status).toBe(200);
    expect((await post(deliveryRequest(cancelDelivery))).status).toBe(200);
    await t.ingest.drain();
    expect(await messageCount()).toBe(messagesBefore);
    await announced(refund.order.id);
    await announced(cancel.order.id);
    // The order read again after the change shows it.
    const [record] = await t.connectors.all
      .find((c) => c.channel === "tiktok_shop")!
      .orders!({ config: t.config, account: { externalAccountId: shop.shopId, platformParams: { shop_cipher: shop.cipher } }, accessToken: shop.accessToken })
      .find({ kind: "tiktok_order_id", value: cancel.order.id });
    expect(record).toMatchObject({ status: "Cancelled", afterSales: [{ kind: "cancellation", status: "Completed" }] });
  });

  it("accepts the types by name as well as by number", async () => {
    const { order } = seeded.get("late")!;
    const body = JSON.stringify({
      type: "ORDER_STATUS_CHANGE",
      tts_notification_id: "7327112393057379999",
      shop_id: shop.shopId,
      timestamp: Math.floor(Date.now() / 1000),
      data: { order_id: order.id, order_status: "DELIVERED", update_time: String(Math.floor(Date.now() / 1000)) },
    });
    expect((await post(signed(body))).status).toBe(200);
    await t.ingest.drain();
    await announced(order.id);
  });

  it.each([
    ["a signature made with the wrong secret", (body: string) => signed(body, "not-the-secret"), 401],
    ["no Authorization header", (body: string) => ({ method: "POST", headers: { "content-type": "application/json" }, body }), 401],
    ["a body tampered with after signing", (body: string) => ({ ...signed(body), body: body.replace("IN_TRANSIT", "DELIVERED") }), 401],
    ["a signed delivery 6 minutes old", (body: string) => signed(body.replace(/"timestamp":\d+/, `"timestamp":${Math.floor(Date.now() / 1000) - 360}`)), 401],
    ["a signed order event without its order id", (body: string) => signed(body.replace(/"order_id":"\d+",/, "")), 400],
    ["a signed return event without its return id", () => signed(JSON.stringify({ type: 12, shop_id: shop.shopId, timestamp: Math.floor(Date.now() / 1000), data: { order_id: "576893021845237781", return_status: "RETURN_OR_REFUND_REQUEST_PENDING" } })), 400],
  ])("refuses %s and stores nothing", async (_, makeRequest, status) => {
    const { order } = seeded.get("in-transit")!;
    const body = JSON.stringify({
      type: 1,
      tts_notification_id: "7327112393057371912",
      shop_id: shop.shopId,
      timestamp: Math.floor(Date.now() / 1000),
      data: { order_id: order.id, order_status: "IN_TRANSIT", update_time: Math.floor(Date.now() / 1000) },
    });
    const before = (await orderEvents()).length;
    const res = await post(makeRequest(body));
    expect(res.status).toBe(status);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe(status === 401 ? "unauthorized" : "validation_failed");
    if (status === 400) expect(error.message).toMatch(/data\.(order_id|return_id)/);
    expect((await orderEvents()).length).toBe(before);
  });

  it("stores an event for a shop nobody connected, and tells no console", async () => {
    const stranger = emulator.addShop({ name: "Someone else's shop" });
    const { order } = seedShopOrders(stranger, sampleShopOrders(new Date()).slice(0, 1)).get("ship-today")!;
    const res = await post(deliveryRequest(emulator.orderStatusDelivery(stranger, order)));
    expect(res.status).toBe(200);
    expect((await orderEvents()).at(-1)).toMatchObject({ accountId: null });
    // A change to one of our shop's orders in the same batch: once it is heard, the stranger's would have been.
    const ours = seeded.get("in-transit")!.order;
    expect((await post(deliveryRequest(emulator.orderStatusDelivery(shop, ours)))).status).toBe(200);
    await t.ingest.drain();
    await announced(ours.id);
    expect(orderChanges().some((e) => e.orderId === order.id)).toBe(false);
  });
});
