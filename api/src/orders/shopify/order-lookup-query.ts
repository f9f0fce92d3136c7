import type { OrderKey } from "../../connectors/order-source.ts";

/**
 * The one Admin GraphQL query order lookup needs: the newest orders matching a search, with
 * everything the order panel and the macros show (items, amounts, parcels, refunds, cancellation)
 * and where a TikTok Shop order synced by the TikTok channel keeps its TikTok order id
 * (`sourceName`, `tags`, `customAttributes`).
 */
export const ORDER_LOOKUP_QUERY = `query OrderLookup($query: String!, $first: Int!) {
  orders(first: $first, query: $query, sortKey: CREATED_AT, reverse: true) {
    nodes {
      id
      name
      email
      phone
      createdAt
      sourceName
      tags
      customAttributes { key value }
      cancelledAt
      cancelReason
      displayFinancialStatus
      displayFulfillmentStatus
      totalPriceSet { shopMoney { amount currencyCode } }
      customer { displayName firstName }
      lineItems(first: 20) {
        nodes { title variantTitle sku quantity discountedUnitPriceSet { shopMoney { amount currencyCode } } }
      }
      fulfillments(first: 5) {
        status
        displayStatus
        createdAt
        deliveredAt
        estimatedDeliveryAt
        trackingInfo(first: 3) { number url company }
      }
      refunds(first: 5) { id createdAt note totalRefundedSet { shopMoney { amount currencyCode } } }
    }
  }
}`;

/** The order-key kinds Shopify's order search has a filter for. */
export const SHOPIFY_SEARCHABLE = ["shopify_name", "tiktok_order_id", "email", "phone"] as const;
export type ShopifySearchKey = Extract<OrderKey, { kind: (typeof SHOPIFY_SEARCHABLE)[number] }>;

const quoted = (value: string) => (/^[\w#@.+-]+$/.test(value) ? value : JSON.stringify(value));

/**
 * Shopify's search syntax for one key; a value with spaces or quotes is quoted. A TikTok Shop
 * order id is searched as the tag the TikTok channel writes on the orders it syncs.
 */
export function orderSearch(key: ShopifySearchKey): string {
  switch (key.kind) {
    case "shopify_name":
      return `name:${quoted(key.value.startsWith("#") ? key.value : `#${key.value}`)}`;
    case "email":
      return `email:${quoted(key.value)}`;
    case "phone":
      return `phone:${quoted(key.value.replace(/[^\d+]/g, ""))}`;
    case "tiktok_order_id":
      return `tag:${quoted(key.value)}`;
  }
}
