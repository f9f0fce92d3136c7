import type { OrderRecord } from "@surgedesk/shared";
import { PlatformApiError, type OrderKey, type OrderKeyKind, type OrderSource, type OrderSourceInput } from "../../../connectors/contract.ts";
import { createOrdersClient, type OrdersClient } from "./orders-client.ts";
import type { TikTokOrder } from "./order-payloads.ts";
import { tiktokOrderRecord } from "./order-record.ts";

/** What the shop can be asked by: its order ids, and the buyer's user id (the order search filter). */
export const TIKTOK_SHOP_ORDER_KEYS: readonly OrderKeyKind[] = ["tiktok_order_id", "buyer_user_id"];
/** A buyer's orders: the newest page is enough context for an agent. */
export const BUYER_ORDERS_PAGE = 20;
/** TikTok Shop order ids are numeric strings, 17–19 digits in practice; anything else is not one. */
const ORDER_ID = /^\d{15,20}$/;
const USER_ID = /^\d{1,30}$/;
/** The statuses an order-side queue can hold: not handed over yet, or on its way. */
export const QUEUE_STATUSES = ["AWAITING_SHIPMENT", "AWAITING_COLLECTION", "PARTIALLY_SHIPPING", "IN_TRANSIT"] as const;
/** Oldest first, one page a status: the orders nearest their deadline come first. */
export const QUEUE_PAGE = 50;
const AFTER_SALE_SLICE = 50;

/** The orders with their return, refund and cancellation requests, newest first. */
async function withAfterSales(client: OrdersClient, orders: TikTokOrder[]): Promise<OrderRecord[]> {
  if (orders.length === 0) return [];
  const ids = orders.map((o) => o.id);
  const [{ returns }, { cancellations }] = await Promise.all([client.searchReturns(ids), client.searchCancellations(ids)]);
  return [...orders]
    .sort((a, b) => (b.create_time ?? 0) - (a.create_time ?? 0))
    .map((order) => tiktokOrderRecord(order, { returns, cancellations }));
}

/** The order source a TikTok Shop client answers, for tests and for `tiktokShopOrders`. */
export function ordersSourceFrom(client: OrdersClient): OrderSource {
  return {
    system: "tiktok_shop",
    searchableBy: TIKTOK_SHOP_ORDER_KEYS,
    async find(key: OrderKey) {
      const value = key.value.trim();
      switch (key.kind) {
        case "tiktok_order_id":
          // Not an order id at all: nothing to find, and nothing worth a call.
          if (!ORDER_ID.test(value)) return [];
          return withAfterSales(client, await client.getOrders([value]));
        case "buyer_user_id": {
          if (!USER_ID.test(value)) return [];
          const page = await client.searchOrders({ buyer_user_id: value }, { pageSize: BUYER_ORDERS_PAGE, sortField: "create_time", sortOrder: "DESC" });
          return withAfterSales(client, page.orders);
        }
        default:
          // A key the shop cannot be searched by (`searchableBy` says so): no order, not an error.
          return [];
      }
    },
    async listForQueues() {
      const pages = await Promise.all(
        QUEUE_STATUSES.map((order_status) => client.searchOrders({ order_status }, { pageSize: QUEUE_PAGE, sortField: "create_time", sortOrder: "ASC" })),
      );
      // Get Order Detail's ids limit applies to after-sales searches too: ask in slices.
      const orders = pages.flatMap((p) => p.orders);
      const records: OrderRecord[] = [];
      for (let i = 0; i < orders.length; i += AFTER_SALE_SLICE) records.push(...(await withAfterSales(client, orders.slice(i, i + AFTER_SALE_SLICE))));
      return records;
    },
  };
}

/** The connector's `orders` capability: the connected shop's orders, with the app's keys and the account's token. */
export function tiktokShopOrders({ config, account, accessToken }: OrderSourceInput): OrderSource {
  const { shopAppKey, shopAppSecret } = config.tiktok;
  if (!shopAppKey || !shopAppSecret) {
    throw new PlatformApiError("rejected", "TIKTOK_SHOP_APP_KEY and TIKTOK_SHOP_APP_SECRET must be set to call the TikTok Shop API.");
  }
  return ordersSourceFrom(
    createOrdersClient({
      baseUrl: config.apiUrls.tiktokShop,
      appKey: shopAppKey,
      appSecret: shopAppSecret,
      accessToken,
      shopCipher: account.platformParams?.shop_cipher ?? null,
    }),
  );
}
