import type { Config } from "../../config.ts";
import type { OrderKey, OrderSource } from "../../connectors/order-source.ts";
import { createShopifyAdminClient } from "./admin-client.ts";
import { SHOPIFY_SEARCHABLE, type ShopifySearchKey } from "./order-lookup-query.ts";
import { shopifyOrderRecord } from "./shopify-order-record.ts";

const isShopifyKey = (key: OrderKey): key is ShopifySearchKey => (SHOPIFY_SEARCHABLE as readonly string[]).includes(key.kind);

/**
 * The configured Shopify store as an order source, or null when none is configured. Shopify's
 * order search has no tracking-number or TikTok-buyer filter: those keys are answered from the
 * orders Surgedesk already linked (see `orders/order-links.ts`).
 */
export function shopifyOrderSource(config: Config, options: { fetch?: typeof fetch } = {}): OrderSource | null {
  const { shopDomain, adminToken, apiVersion } = config.shopify;
  if (!shopDomain || !adminToken) return null;
  const client = createShopifyAdminClient({ shopDomain, accessToken: adminToken, apiVersion, ...(options.fetch && { fetch: options.fetch }) });
  return {
    system: "shopify",
    searchableBy: SHOPIFY_SEARCHABLE,
    async find(key) {
      if (!isShopifyKey(key)) return [];
      return (await client.findOrders(key)).map(shopifyOrderRecord);
    },
    async listForQueues() {
      // Unfulfilled ones (late to ship) and shipped ones (late to arrive); delivered ones fall out in the queue rules.
      const [unfulfilled, shipped] = await Promise.all([client.unfulfilledOrders(), client.shippedOrders()]);
      return [...unfulfilled, ...shipped].map(shopifyOrderRecord);
    },
  };
}
