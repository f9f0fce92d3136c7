import type { OrderQueue, OrderRecord } from "@surgedesk/shared";

const HOUR = 3_600_000;
/** "Ship within 24 h": the ship-by deadline falls within this window (or has just passed). */
export const SHIP_SOON_MS = 24 * HOUR;
/**
 * Shopify gives no ship-by deadline: an unfulfilled Shopify order counts as delayed once it has
 * waited longer than this handling time (the storefront's usual "ships in 3 days" promise).
 */
export const SHOPIFY_HANDLING_MS = 3 * 24 * HOUR;

/**
 * Nor a promised delivery date: a shipped Shopify order still not delivered this long after it
 * was placed counts as delayed (3 days' handling and a week in transit, the usual promise).
 */
export const SHOPIFY_DELIVERY_MS = 10 * 24 * HOUR;

const DONE = /^(delivered|completed|cancelled|canceled)$/i;
const hasTracking = (order: OrderRecord) => order.shipments.some((s) => s.trackingNumber);
/** Shipped, at least in part: tracking given, or the shop says fulfilled (a local delivery may have no tracking). */
const shipped = (order: OrderRecord) => hasTracking(order) || /^(partially )?fulfilled$/i.test(order.fulfillmentStatus ?? "");
const delivered = (order: OrderRecord) => order.shipments.some((s) => s.deliveredAt) || DONE.test(order.status ?? "");
const openCancellation = (order: OrderRecord) => order.afterSales.find((a) => a.kind === "cancellation" && /^requested$/i.test(a.status));

const when = (iso: string) => new Date(iso).toUTCString().replace(/:\d\d GMT$/, " UTC");

/**
 * The queues an order belongs in now, each with why in words. An order can be in more than one
 * (a late order whose buyer asked to cancel). Pure: the same order and time give the same answer.
 */
export function queuesOf(order: OrderRecord, now: Date): { queue: OrderQueue; why: string }[] {
  if (DONE.test(order.fulfillmentStatus ?? "") && /^cancel/i.test(order.fulfillmentStatus ?? "")) return [];
  const out: { queue: OrderQueue; why: string }[] = [];
  const t = now.getTime();
  const cancellation = openCancellation(order);
  if (cancellation) {
    out.push({ queue: "cancellation_requested", why: `Cancellation requested${cancellation.reason ? `: ${cancellation.reason}` : ""}${cancellation.requestedAt ? ` (${when(cancellation.requestedAt)})` : ""}` });
  }
  if (delivered(order)) return out;
  const shipBy = order.shipByAt ? new Date(order.shipByAt).getTime() : null;
  const deliverBy = order.deliverByAt ? new Date(order.deliverByAt).getTime() : null;
  if (order.system === "tiktok_shop" && shipBy !== null && !hasTracking(order) && shipBy >= t && shipBy - t <= SHIP_SOON_MS) {
    out.push({ queue: "ship_within_24h", why: `Ship by ${when(order.shipByAt ?? "")}, no tracking yet` });
  }
  if (shipBy !== null && shipBy < t && !hasTracking(order)) {
    out.push({ queue: "delayed", why: `Not shipped: the ship-by date was ${when(order.shipByAt ?? "")}` });
  } else if (deliverBy !== null && deliverBy < t) {
    out.push({ queue: "delayed", why: `Not delivered: promised by ${when(order.deliverByAt ?? "")}` });
  } else if (order.system === "shopify" && !shipped(order) && order.createdAt && t - new Date(order.createdAt).getTime() > SHOPIFY_HANDLING_MS) {
    out.push({ queue: "delayed", why: `Unfulfilled since ${when(order.createdAt)} (more than 3 days)` });
  } else if (order.system === "shopify" && hasTracking(order) && order.createdAt && t - new Date(order.createdAt).getTime() > SHOPIFY_DELIVERY_MS) {
    const days = Math.floor((t - new Date(order.createdAt).getTime()) / (24 * HOUR));
    out.push({ queue: "delayed", why: `Shipped but not delivered ${days} days after it was ordered (${when(order.createdAt)}; more than 10 days counts as late)` });
  }
  return out;
}
