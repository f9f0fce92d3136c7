import type { ClassificationEntities, OrderContext } from "@surgedesk/shared";
import type { Config } from "../config.ts";
import { PlatformApiError } from "../connectors/contract.ts";
import { createShopifyAdminClient, type ShopifyOrderNode } from "../orders/shopify/admin-client.ts";

function contextOf(node: ShopifyOrderNode, query: string): OrderContext {
  const fulfillment = node.fulfillments?.find((f) => f.trackingInfo?.some((t) => t.url || t.number)) ?? node.fulfillments?.[0];
  const tracking = fulfillment?.trackingInfo?.find((t) => t.url || t.number);
  return {
    lookup: "found",
    query,
    message: null,
    order: {
      name: node.name,
      customerName: node.customer?.firstName ?? node.customer?.displayName ?? null,
      email: node.email ?? null,
      financialStatus: node.displayFinancialStatus ?? null,
      fulfillmentStatus: node.displayFulfillmentStatus ?? null,
      trackingUrl: tracking?.url ?? null,
      trackingNumber: tracking?.number ?? null,
      carrier: tracking?.company ?? null,
      estimatedDeliveryAt: fulfillment?.estimatedDeliveryAt ?? null,
      sourceName: node.sourceName ?? null,
      createdAt: node.createdAt ?? null,
    },
  };
}

/**
 * The order a message is about, from Shopify: by the order number it quotes, else by the
 * email it gives. A shop that cannot be asked (not configured, throttled, down) is reported as
 * such, never as "no order", so the agent knows the variables are missing for a reason.
 */
export async function lookupOrderContext(config: Config, entities: ClassificationEntities | null): Promise<OrderContext> {
  const { shopDomain, adminToken, apiVersion } = config.shopify;
  const name = entities?.orderNumbers[0];
  const email = entities?.emails[0];
  if (!name && !email) {
    const tiktokOrder = entities?.tiktokOrderIds[0];
    const tracking = entities?.trackingNumbers[0];
    // Say what was quoted and why it finds nothing, rather than "no reference": a TikTok Shop
    // order lives in TikTok Shop (its id fills {{platform_order_id}}), and Shopify's order search
    // has no tracking-number filter.
    const message = tiktokOrder
      ? `The message quotes TikTok Shop order ${tiktokOrder} (filled in as platform_order_id); Shopify is searched by its own order number or the customer's email, and the message gives neither.`
      : tracking
        ? `The message quotes tracking number ${tracking} but no order number or email, and Shopify cannot find an order by its tracking number: ask for the order number.`
        : "The message names no order number or email.";
    return { lookup: "no_reference", query: null, message, order: null };
  }
  if (!shopDomain || !adminToken) {
    return { lookup: "not_configured", query: null, message: "No Shopify store is connected (SHOPIFY_SHOP_DOMAIN, SHOPIFY_ADMIN_TOKEN).", order: null };
  }
  const client = createShopifyAdminClient({ shopDomain, accessToken: adminToken, apiVersion });
  const by = name ? { name } : { email: email! };
  const query = name ? `name:${name}` : `email:${email}`;
  try {
    const node = await client.findOrder(by);
    if (!node) return { lookup: "not_found", query, message: `Shopify has no order matching ${query}.`, order: null };
    return contextOf(node, query);
  } catch (error) {
    const reason = error instanceof PlatformApiError ? error.message : "Shopify lookup failed";
    return { lookup: "error", query, message: `${reason}; order details could not be filled.`, order: null };
  }
}
