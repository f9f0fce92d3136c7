import type { FoundOrder, OrderRecord } from "@surgedesk/shared";

/** One order's identity across systems: its TikTok Shop id when it has one (a synced order too), else its Shopify name. */
export function orderRefOf(order: Pick<OrderRecord, "system" | "tiktokOrderId" | "shopifyName" | "shopifyId">): string {
  if (order.tiktokOrderId) return `tiktok_shop:${order.tiktokOrderId}`;
  return `shopify:${order.shopifyName ?? order.shopifyId ?? "?"}`;
}

/**
 * Two records of one order (TikTok Shop's own, and the copy the TikTok channel synced into
 * Shopify) as one: TikTok Shop owns it (its status, after-sales and deadlines, since refunds and
 * cancellations happen there), Shopify adds its order name and id and fills what TikTok Shop left
 * empty.
 */
function mergePair(a: FoundOrder, b: FoundOrder): FoundOrder {
  const [owner, mirror] = a.system === "tiktok_shop" || b.system !== "tiktok_shop" ? [a, b] : [b, a];
  const sources = [...new Set([...owner.sources, ...mirror.sources])].sort();
  return {
    ...owner,
    shopifyName: owner.shopifyName ?? mirror.shopifyName,
    shopifyId: owner.shopifyId ?? mirror.shopifyId,
    tiktokOrderId: owner.tiktokOrderId ?? mirror.tiktokOrderId,
    customerName: owner.customerName ?? mirror.customerName,
    email: owner.email ?? mirror.email,
    phone: owner.phone ?? mirror.phone,
    buyerUserId: owner.buyerUserId ?? mirror.buyerUserId,
    status: owner.status ?? mirror.status,
    financialStatus: owner.financialStatus ?? mirror.financialStatus,
    fulfillmentStatus: owner.fulfillmentStatus ?? mirror.fulfillmentStatus,
    total: owner.total ?? mirror.total,
    lineItems: owner.lineItems.length > 0 ? owner.lineItems : mirror.lineItems,
    shipments: owner.shipments.length > 0 ? owner.shipments : mirror.shipments,
    afterSales: owner.afterSales.length > 0 ? owner.afterSales : mirror.afterSales,
    createdAt: owner.createdAt ?? mirror.createdAt,
    shipByAt: owner.shipByAt ?? mirror.shipByAt,
    deliverByAt: owner.deliverByAt ?? mirror.deliverByAt,
    sources,
  };
}

/** Orders from every system, each once: records sharing a TikTok Shop order id (or a Shopify name) merged. */
export function mergeOrders(records: readonly FoundOrder[]): FoundOrder[] {
  const byRef = new Map<string, FoundOrder>();
  const byShopifyName = new Map<string, string>();
  for (const record of records) {
    // A Shopify copy found before its TikTok id was known still joins by its name.
    const ref = (record.shopifyName && byShopifyName.get(record.shopifyName)) || orderRefOf(record);
    const earlier = byRef.get(ref);
    const merged = earlier ? mergePair(earlier, record) : record;
    byRef.set(ref, merged);
    if (merged.shopifyName) byShopifyName.set(merged.shopifyName, ref);
  }
  return [...byRef.values()].sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? ""));
}

export const asFound = (record: OrderRecord): FoundOrder => ({ ...record, sources: [record.system] });
