import type { AfterSaleRequest, Money, OrderRecord, OrderShipment } from "@surgedesk/shared";
import type { ShopifyOrderNode } from "./admin-client.ts";

const TIKTOK_ORDER_ID = /^\d{17,19}$/;

/** Shopify's enum words as an agent reads them: `IN_TRANSIT` → "In transit". */
export function enumWords(value: string | null | undefined): string | null {
  if (!value) return null;
  const words = value.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const moneyOf = (set: { shopMoney: { amount: string; currencyCode: string } } | null | undefined): Money | null =>
  set ? { amount: set.shopMoney.amount, currency: set.shopMoney.currencyCode } : null;

/**
 * The TikTok Shop order id of an order the TikTok channel synced into Shopify: its note
 * attribute naming a TikTok order id, else (on an order whose source is TikTok) a tag that is one.
 */
export function tiktokOrderIdOf(node: Pick<ShopifyOrderNode, "customAttributes" | "tags" | "sourceName">): string | null {
  const attribute = node.customAttributes?.find((a) => /tiktok/i.test(a.key) && /order/i.test(a.key) && TIKTOK_ORDER_ID.test(a.value?.trim() ?? ""));
  if (attribute?.value) return attribute.value.trim();
  if (!/tiktok/i.test(node.sourceName ?? "") && !node.tags?.some((t) => /^tiktok$/i.test(t))) return null;
  return node.tags?.find((t) => TIKTOK_ORDER_ID.test(t.trim()))?.trim() ?? null;
}

/** One word for where the order is, the way the panel and the macros need it. */
function statusOf(node: ShopifyOrderNode, shipments: OrderShipment[]): string | null {
  if (node.cancelledAt) return "Cancelled";
  if (node.displayFinancialStatus === "REFUNDED") return "Refunded";
  if (shipments.some((s) => s.deliveredAt || s.status === "Delivered")) return "Delivered";
  if (node.displayFulfillmentStatus === "FULFILLED" || node.displayFulfillmentStatus === "PARTIALLY_FULFILLED") {
    return shipments.find((s) => s.status)?.status ?? "Shipped";
  }
  if (node.displayFulfillmentStatus === "ON_HOLD") return "On hold";
  if (node.displayFulfillmentStatus) return "Awaiting shipment";
  return null;
}

/** A Shopify order in the one order shape every system maps into. */
export function shopifyOrderRecord(node: ShopifyOrderNode): OrderRecord {
  const shipments: OrderShipment[] = (node.fulfillments ?? []).map((f) => {
    const tracking = f.trackingInfo?.find((t) => t.url || t.number);
    return {
      carrier: tracking?.company ?? null,
      trackingNumber: tracking?.number ?? null,
      trackingUrl: tracking?.url ?? null,
      status: enumWords(f.displayStatus ?? null),
      shippedAt: f.createdAt ?? null,
      deliveredAt: f.deliveredAt ?? null,
      estimatedDeliveryAt: f.estimatedDeliveryAt ?? null,
    };
  });
  const afterSales: AfterSaleRequest[] = (node.refunds ?? []).map((r) => ({
    kind: "refund",
    id: r.id,
    status: "Completed",
    reason: r.note ?? null,
    requestedAt: r.createdAt ?? null,
    updatedAt: r.createdAt ?? null,
    refundAmount: moneyOf(r.totalRefundedSet),
  }));
  if (node.cancelledAt) {
    afterSales.unshift({
      kind: "cancellation",
      id: node.id ?? node.name,
      status: "Completed",
      reason: enumWords(node.cancelReason ?? null),
      requestedAt: node.cancelledAt,
      updatedAt: node.cancelledAt,
      refundAmount: null,
    });
  }
  const estimated = shipments.map((s) => s.estimatedDeliveryAt).filter((d): d is string => d !== null);
  return {
    system: "shopify",
    shopifyName: node.name,
    shopifyId: node.id ?? null,
    tiktokOrderId: tiktokOrderIdOf(node),
    customerName: node.customer?.displayName ?? null,
    email: node.email ?? null,
    phone: node.phone ?? null,
    buyerUserId: null,
    status: statusOf(node, shipments),
    financialStatus: enumWords(node.displayFinancialStatus ?? null),
    fulfillmentStatus: enumWords(node.displayFulfillmentStatus ?? null),
    total: moneyOf(node.totalPriceSet),
    lineItems: (node.lineItems?.nodes ?? []).map((item) => ({
      title: item.title,
      // Shopify names a product without options "Default Title": no variant to show.
      variant: item.variantTitle && item.variantTitle !== "Default Title" ? item.variantTitle : null,
      sku: item.sku ?? null,
      quantity: item.quantity,
      price: moneyOf(item.discountedUnitPriceSet),
    })),
    shipments,
    afterSales,
    createdAt: node.createdAt ?? null,
    shipByAt: null,
    deliverByAt: estimated.sort().at(-1) ?? null,
  };
}
