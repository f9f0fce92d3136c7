import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import type { EmulatedShop } from "@surgedesk/devkit/emulators/tiktok-shop/emulated-shop.ts";
import { sampleShopOrders, seedShopOrders, type SeededOrder } from "@surgedesk/devkit/emulators/tiktok-shop/seed-shop-orders.ts";
import { TikTokShopEmulator } from "@surgedesk/devkit/emulators/tiktok-shop/shop-emulator.ts";
import { PlatformApiError } from "../../../connectors/contract.ts";
import { verifyShopRequestSignature } from "../request-signing.ts";
import { createOrdersClient, CANCELLATIONS_SEARCH_PATH, ORDER_PATH, RETURNS_SEARCH_PATH } from "./orders-client.ts";

const APP = { appKey: "orders-app-key", appSecret: "orders-app-secret" };
const emulator = new TikTokShopEmulator(APP);
const server = startEmulatorServer(emulator.handlers());

/** Every request the client made, as sent: to check the signature over the exact query and body. */
const sent: { url: URL; body: string | undefined }[] = [];
const recordingFetch: typeof fetch = async (input, init) => {
  sent.push({ url: new URL(String(input)), body: typeof init?.body === "string" ? init.body : undefined });
  return fetch(input, init);
};

let shop: EmulatedShop;
let seeded: Map<string, SeededOrder>;
const now = new Date();
beforeAll(() => {
  shop = emulator.addShop();
  seeded = seedShopOrders(shop, sampleShopOrders(now));
});
afterEach(() => emulator.faults.clear());
afterAll(() => server.close());

const clientFor = (accessToken = shop.accessToken) =>
  createOrdersClient({ baseUrl: emulator.baseUrl, ...APP, accessToken, shopCipher: shop.cipher, fetch: recordingFetch });
const order = (key: string) => seeded.get(key)!.order;

async function refusal(promise: Promise<unknown>): Promise<PlatformApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformApiError);
  return error as PlatformApiError;
}

function lastSignedCorrectly(path: string) {
  const request = sent.at(-1)!;
  expect(request.url.pathname).toBe(path);
  const query = Object.fromEntries(request.url.searchParams);
  expect(query).toMatchObject({ app_key: APP.appKey, shop_cipher: shop.cipher });
  expect(verifyShopRequestSignature({ path, query, body: request.body }, query.sign, APP.appSecret)).toBe(true);
  return { query, body: request.body === undefined ? undefined : (JSON.parse(request.body) as Record<string, unknown>) };
}

describe("TikTok Shop orders client (202309)", () => {
  it("gets order detail by ids, signed, with the order's fields read as the API names them", async () => {
    const ids = [order("in-transit").id, order("ship-today").id, "576893021845299999"];
    const orders = await clientFor().getOrders(ids);
    const { query } = lastSignedCorrectly(ORDER_PATH);
    expect(query.ids).toBe(ids.join(","));
    expect(orders.map((o) => o.id)).toEqual(ids.slice(0, 2));
    const [inTransit] = orders;
    expect(inTransit).toMatchObject({
      status: "IN_TRANSIT",
      user_id: order("in-transit").user_id,
      tracking_number: "9400111206213859641234",
      shipping_provider: "USPS",
      payment: { currency: "USD", total_amount: "56.00" },
      recipient_address: { name: "Sofía Ramírez" },
    });
    expect(inTransit!.line_items.map((i) => i.seller_sku)).toEqual(["GLW-TON-150", "GLW-SER-30"]);
    expect(inTransit!.packages).toHaveLength(1);
    expect(typeof inTransit!.create_time).toBe("number");
  });

  it("refuses more than 50 ids before calling", async () => {
    const before = sent.length;
    const error = await refusal(clientFor().getOrders(Array.from({ length: 51 }, (_, i) => String(576893021845200000 + i))));
    expect(error.kind).toBe("rejected");
    expect(sent.length).toBe(before);
  });

  it("searches a buyer's orders with buyer_user_id in the signed body, newest first, paging with page_token", async () => {
    const buyer = order("ship-today").user_id;
    shop.orderBook.addOrder({ buyerUserId: buyer, items: [{ product: "Lip Oil", variant: "Shade 01", sellerSku: "GLW-LIP-01", price: "16.00" }], createdAt: new Date(now.getTime() - 40 * 86_400_000), status: "COMPLETED" });
    const client = clientFor();
    const first = await client.searchOrders({ buyer_user_id: buyer }, { pageSize: 1 });
    const { query, body } = lastSignedCorrectly(`${ORDER_PATH}/search`);
    expect(query).toMatchObject({ page_size: "1", sort_field: "create_time", sort_order: "DESC" });
    expect(body).toEqual({ buyer_user_id: buyer });
    expect(first.orders.map((o) => o.id)).toEqual([order("ship-today").id]);
    expect(first.total_count).toBe(2);
    const second = await client.searchOrders({ buyer_user_id: buyer }, { pageSize: 1, pageToken: first.next_page_token });
    expect(second.orders[0]?.status).toBe("COMPLETED");
    expect(second.next_page_token).toBe("");
  });

  it("searches by status and time range", async () => {
    const page = await clientFor().searchOrders({ order_status: "AWAITING_SHIPMENT", create_time_ge: Math.floor(now.getTime() / 1000) - 2 * 86_400 });
    expect(page.orders.map((o) => o.id).sort()).toEqual([order("ship-today").id, order("cancel-requested").id].sort());
  });

  it("finds returns and cancellations by order id", async () => {
    const client = clientFor();
    const { returns } = await client.searchReturns([order("damaged-refund").id, order("in-transit").id]);
    expect(lastSignedCorrectly(RETURNS_SEARCH_PATH).body).toEqual({ order_ids: [order("damaged-refund").id, order("in-transit").id] });
    expect(returns).toEqual([
      expect.objectContaining({
        order_id: order("damaged-refund").id,
        return_type: "REFUND",
        return_status: "RETURN_OR_REFUND_REQUEST_PENDING",
        return_reason_text: "Damaged product: the bottle arrived leaking",
        refund_amount: expect.objectContaining({ currency: "USD", refund_total: "129.00" }),
      }),
    ]);
    const { cancellations } = await client.searchCancellations([order("cancel-requested").id]);
    lastSignedCorrectly(CANCELLATIONS_SEARCH_PATH);
    expect(cancellations).toEqual([
      expect.objectContaining({ order_id: order("cancel-requested").id, cancel_status: "CANCELLATION_REQUEST_PENDING", cancel_reason_text: "No longer needed" }),
    ]);
  });

  it("reads a 429 as rate limited with the Retry-After it gave", async () => {
    emulator.faults.throttle(1, { retryAfterSeconds: 12, match: (path) => path.startsWith(ORDER_PATH) });
    const error = await refusal(clientFor().getOrders([order("late").id]));
    expect(error.kind).toBe("rate_limited");
    expect(error.retryAfterMs).toBe(12_000);
    // The next call goes through.
    expect(await clientFor().getOrders([order("late").id])).toHaveLength(1);
  });

  it("reads a throttling code inside an HTTP 200 as rate limited", async () => {
    emulator.faults.throttle(1, { inEnvelope: true, retryAfterSeconds: null });
    expect((await refusal(clientFor().searchReturns([order("late").id]))).kind).toBe("rate_limited");
  });

  it("reads an expired token as token_expired, and an unknown token too", async () => {
    shop.expireToken();
    try {
      expect((await refusal(clientFor().getOrders([order("late").id]))).kind).toBe("token_expired");
    } finally {
      shop.renewToken(shop.accessToken);
    }
    expect((await refusal(clientFor("ROW_not-a-token").getOrders([order("late").id]))).kind).toBe("token_expired");
  });

  it("reads a 500 and a lost answer as transient", async () => {
    emulator.faults.serverErrors(1);
    const error = await refusal(clientFor().searchCancellations([order("late").id]));
    expect(error).toMatchObject({ kind: "transient", platformCode: "36009999" });
    emulator.faults.loseAnswers(1);
    expect((await refusal(clientFor().searchOrders({}))).kind).toBe("transient");
  });

  it("is refused by the emulated gateway when signed with another secret", async () => {
    const forged = createOrdersClient({ baseUrl: emulator.baseUrl, appKey: APP.appKey, appSecret: "not-the-secret", accessToken: shop.accessToken, shopCipher: shop.cipher });
    const error = await refusal(forged.getOrders([order("late").id]));
    expect(error).toMatchObject({ kind: "rejected", platformCode: "106001" });
    expect(emulator.requests.at(-1)).toMatchObject({ path: ORDER_PATH, code: 106001, status: 401 });
  });

  it("reads a refused parameter as rejected", async () => {
    const error = await refusal(clientFor().searchOrders({ order_status: "SHIPPED" }));
    expect(error.kind).toBe("rejected");
    expect(error.message).toContain("order_status");
  });
});
