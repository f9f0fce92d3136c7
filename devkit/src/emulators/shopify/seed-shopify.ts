import type { ShopifyStore } from "./shopify-store.ts";

const DAY = 86_400_000;

/** The demo shop's orders: the numbers the demo comments mention, in the states they describe. */
export function seedShopify(store: ShopifyStore, now = Date.now()): void {
  store.addOrder({
    name: "#1042",
    email: "maya.r@example.com",
    customerName: "Maya Rivera",
    createdAt: new Date(now - 6 * DAY),
    fulfillmentStatus: "FULFILLED",
    tracking: { number: "1Z999AA10123456784", url: "https://www.ups.com/track?tracknum=1Z999AA10123456784", company: "UPS" },
    estimatedDeliveryAt: new Date(now + 2 * DAY),
  });
  store.addOrder({ name: "#1043", email: "leo.g@example.com", customerName: "Leo García", createdAt: new Date(now - 3 * DAY), fulfillmentStatus: "UNFULFILLED" });
  store.addOrder({
    name: "#1044",
    email: "sam.k@example.com",
    customerName: "Sam Kim",
    createdAt: new Date(now - 9 * DAY),
    fulfillmentStatus: "FULFILLED",
    tracking: { number: "9400111899223344556677", url: "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223344556677", company: "USPS" },
    estimatedDeliveryAt: new Date(now - 1 * DAY),
  });
  store.addOrder({ name: "#1045", email: "ana.p@example.com", customerName: "Ana Pérez", createdAt: new Date(now - 1 * DAY), sourceName: "tiktok", fulfillmentStatus: "ON_HOLD" });
}
