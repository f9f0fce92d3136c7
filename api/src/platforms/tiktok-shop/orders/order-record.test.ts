import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderRecordSchema } from "@surgedesk/shared";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import type { EmulatedShop } from "@surgedesk/devkit/emulators/tiktok-shop/emulated-shop.ts";
import { sampleShopOrders, seedShopOrders, type SeededOrder } from "@surgedesk/devkit/emulators/tiktok-shop/seed-shop-orders.ts";
import { TikTokShopEmulator } from "@surgedesk/devkit/emulators/tiktok-shop/shop-emulator.ts";
import { readJsonFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { TEST_TIKTOK_SHOP_APP_KEY, TEST_TIKTOK_SHOP_APP_SECRET } from "@surgedesk/devkit/testing/test-app.ts";
import { loadConfig } from "../../../config.ts";
import { tiktokShopConnector } from "../index.ts";
import { orderDetailDataSchema } from "./order-payloads.ts";
import { statusInWords, tiktokOrderRecord } from "./order-record.ts";

describe("tiktokOrderRecord", () => {
  const fixture = readJsonFixture<{ data: unknown }>("tiktok-shop/order-detail.json");
  const [order] = orderDetailDataSchema.parse(fixture.data).orders;

  it("maps Get Order Detail into the order shape: words, decimal strings, ISO times, units grouped by SKU", () => {
    const record = orderRecordSchema.parse(tiktokOrderRecord(order!));
    expect(record).toEqual({
      system: "tiktok_shop",
      shopifyName: null,
      shopifyId: null,
      tiktokOrderId: "576893021845237781",
      customerName: "Maya Chen",
      email: "v2a9f3c1d7e2@scs2.tiktok.com",
      phone: "(+1)213*****45",
      buyerUserId: "7000123456789012345",
      status: "Partially shipped",
      financialStatus: "Paid",
      fulfillmentStatus: "Partially fulfilled",
      total: { amount: "94.99", currency: "USD" },
      lineItems: [
        { title: "Glow Serum", variant: "30 ml", sku: "GLW-SER-30", quantity: 2, price: { amount: "34.00", currency: "USD" } },
        { title: "Citrus Toner", variant: "150 ml", sku: "GLW-TON-150", quantity: 1, price: { amount: "22.00", currency: "USD" } },
      ],
      shipments: [
        {
          carrier: "USPS",
          trackingNumber: "9400111206213859641234",
          trackingUrl: null,
          status: "In transit",
          shippedAt: "2025-08-20T17:13:20.000Z",
          deliveredAt: null,
          estimatedDeliveryAt: "2025-08-26T10:40:00.000Z",
        },
      ],
      afterSales: [],
      createdAt: "2025-08-19T10:40:00.000Z",
      shipByAt: "2025-08-21T10:40:00.000Z",
      deliverByAt: "2025-08-26T10:40:00.000Z",
    });
  });

  it("keeps a field it cannot read out of the record instead of refusing the order", () => {
    const odd = structuredClone(fixture) as { data: { orders: Record<string, unknown>[] } };
    Object.assign(odd.data.orders[0]!, { payment: { currency: "USD", total_amount: "ninety" }, status: "AWAITING_SELLER_CONFIRMATION", brand_new_field: { x: 1 } });
    const [parsed] = orderDetailDataSchema.parse(odd.data).orders;
    const record = tiktokOrderRecord(parsed!);
    expect(record.total).toBeNull();
    expect(record.status).toBe("Awaiting seller confirmation");
  });

  it("says each status in words", () => {
    expect(["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED", "CANCELLED"].map((s) => statusInWords(s))).toEqual([
      "Unpaid",
      "On hold",
      "Awaiting shipment",
      "Awaiting collection by the carrier",
      "In transit",
      "Delivered",
      "Completed",
      "Cancelled",
    ]);
  });
});

describe("the TikTok Shop connector's order source", () => {
  const emulator = new TikTokShopEmulator({ appKey: TEST_TIKTOK_SHOP_APP_KEY, appSecret: TEST_TIKTOK_SHOP_APP_SECRET });
  const server = startEmulatorServer(emulator.handlers());
  const config = loadConfig({ DEMO: "false", TIKTOK_SHOP_APP_KEY: TEST_TIKTOK_SHOP_APP_KEY, TIKTOK_SHOP_APP_SECRET: TEST_TIKTOK_SHOP_APP_SECRET });
  let shop: EmulatedShop;
  let seeded: Map<string, SeededOrder>;
  beforeAll(() => {
    shop = emulator.addShop();
    seeded = seedShopOrders(shop, sampleShopOrders(new Date()));
  });
  afterAll(() => server.close());

  const source = () =>
    tiktokShopConnector.orders!({ config, account: { externalAccountId: shop.shopId, platformParams: { shop_cipher: shop.cipher } }, accessToken: shop.accessToken });

  it("is searchable by TikTok order id and the buyer's user id", () => {
    expect(source()).toMatchObject({ system: "tiktok_shop", searchableBy: ["tiktok_order_id", "buyer_user_id"] });
  });

  it("finds an order by its id with its refund request", async () => {
    const { order, returns } = seeded.get("damaged-refund")!;
    const [record, ...more] = await source().find({ kind: "tiktok_order_id", value: order.id });
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      tiktokOrderId: order.id,
      status: "Delivered",
      total: { amount: "129.00", currency: "USD" },
      shipments: [{ carrier: "UPS", trackingNumber: "1Z999AA10123456784", status: "Delivered" }],
      afterSales: [{ kind: "refund", id: returns[0]!.return_id, status: "Requested", reason: "Damaged product: the bottle arrived leaking", refundAmount: { amount: "129.00", currency: "USD" } }],
    });
    expect(orderRecordSchema.safeParse(record).success).toBe(true);
  });

  it("finds a buyer's orders by their user id, newest first, with a cancellation request", async () => {
    const { order, cancellation } = seeded.get("cancel-requested")!;
    shop.orderBook.addOrder({ buyerUserId: order.user_id, items: [{ product: "Lip Oil", variant: "Shade 01", sellerSku: "GLW-LIP-01", price: "16.00" }], createdAt: new Date(Date.now() - 30 * 86_400_000), status: "COMPLETED" });
    const records = await source().find({ kind: "buyer_user_id", value: order.user_id });
    expect(records.map((r) => r.status)).toEqual(["Awaiting shipment", "Completed"]);
    expect(records[0]!.afterSales).toEqual([expect.objectContaining({ kind: "cancellation", id: cancellation!.cancel_id, status: "Requested", reason: "No longer needed" })]);
    expect(records[0]!.shipByAt).not.toBeNull();
  });

  it("answers no order, without a call, for a key it cannot search or a value that is no order id", async () => {
    const calls = emulator.requests.length;
    expect(await source().find({ kind: "tiktok_order_id", value: "#1234" })).toEqual([]);
    expect(await source().find({ kind: "email", value: "maya@example.com" })).toEqual([]);
    expect(emulator.requests.length).toBe(calls);
    expect(await source().find({ kind: "tiktok_order_id", value: "576893021845299999" })).toEqual([]);
  });

  it("reports a shop error as a PlatformApiError, so the lookup can say why", async () => {
    emulator.faults.serverErrors(1);
    await expect(source().find({ kind: "tiktok_order_id", value: seeded.get("late")!.order.id })).rejects.toMatchObject({ name: "PlatformApiError", kind: "transient" });
  });
});
