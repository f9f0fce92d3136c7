import type { EmulatedLineItem, EmulatedOrder, ShopifyStore } from "./shopify-store.ts";

const DAY = 86_400_000;

const SERUM_30: EmulatedLineItem = { title: "Vitamin C Glow Serum", variantTitle: "30 ml", sku: "GLOW-C-30", quantity: 1, unitPrice: "29.00" };
const SERUM_50: EmulatedLineItem = { title: "Vitamin C Glow Serum", variantTitle: "50 ml", sku: "GLOW-C-50", quantity: 1, unitPrice: "42.00" };
const BUNDLE: EmulatedLineItem = { title: "Glow Routine Bundle", variantTitle: "Serum 50 ml + Barrier Cream", sku: "GLOW-BUNDLE", quantity: 4, unitPrice: "62.00" };
const LIP_OIL: EmulatedLineItem = { title: "Glow Lip Oil", variantTitle: "Peach", sku: "LIP-PEACH", quantity: 1, unitPrice: "16.00" };
const items = (...lines: [EmulatedLineItem, number?][]) => lines.map(([item, quantity]) => ({ ...item, quantity: quantity ?? item.quantity }));

const ups = (n: string) => ({ number: `1Z999AA1${n}`, url: `https://www.ups.com/track?tracknum=1Z999AA1${n}`, company: "UPS" });
const usps = (n: string) => ({ number: `94001118992233${n}`, url: `https://tools.usps.com/go/TrackConfirmAction?tLabels=94001118992233${n}`, company: "USPS" });

/**
 * The TikTok Shop order the demo's TikTok Shop conversations show on their order card, as the
 * TikTok channel synced it into Shopify. The TikTok Shop emulator's own copy of this order (and
 * of the shop's other orders) is that emulator's to seed: whatever it seeds under this id is the
 * same order, and the lookup shows it once with both ids.
 */
export const DEMO_TIKTOK_SYNCED_ORDER_ID = "576893021845237785";

/**
 * The demo shop's orders: every order number the demo's comments and DMs quote, in the states
 * their messages describe, so the order panel shows each one. The launch's story:
 * - the restock shipped late: #10482 (asked about on Instagram and on TikTok), #10483, #10484,
 *   #10486 and #10455 are in transit past the date first promised, with a later estimate;
 * - #10479 is a cancellation request on an unshipped order, #10477 an address change;
 * - #10466 is a high-value refund request (four bundles, $248 and $19.84 tax);
 * - #10391 is delivered but "not received", and the same buyer's earlier #10288 was refunded
 *   as not received: a repeat delivered-not-received claim;
 * - damaged (#10471, #10473, and jade.w's #10470), wrong item (#10468), a double charge
 *   (#10474), no refund yet (#10459), and a TikTok Shop order synced by the TikTok channel.
 */
export function seedShopify(shopifyStore: ShopifyStore, now = Date.now()): void {
  const at = (days: number) => new Date(now + days * DAY);
  // Every order pays 8 % sales tax on its items and 4.95 shipping under 50.00 (free above), so a
  // full refund shows items, shipping and tax apart.
  const store = {
    addOrder: (input: Parameters<ShopifyStore["addOrder"]>[0] = {}) => {
      const lines = input.lineItems ?? [SERUM_30];
      const subtotal = lines.reduce((sum, l) => sum + Number(l.unitPrice) * l.quantity, 0);
      return shopifyStore.addOrder({ taxRate: 0.08, shippingPrice: subtotal >= 50 ? "0.00" : "4.95", ...input });
    },
  };
  const late = (name: string, input: Partial<EmulatedOrder>, tracking: { number: string; url: string; company: string }, orderedDaysAgo: number) =>
    store.addOrder({
      name,
      createdAt: at(-orderedDaysAgo),
      fulfillmentStatus: "FULFILLED",
      lineItems: items([SERUM_30]),
      // Left the warehouse days after it should have; the carrier's new estimate is past the promised date.
      fulfillments: [{ displayStatus: "IN_TRANSIT", createdAt: at(-3), deliveredAt: null, estimatedDeliveryAt: at(2), tracking }],
      ...input,
    });
  late("#10482", { email: "maria.g@example.com", customerName: "María González", phone: "+1 305-555-0182" }, ups("0123456782"), 14);
  late("#10483", { email: "lee.k@example.com", customerName: "Lee Kim" }, ups("0123456783"), 13);
  late("#10484", { email: "lucia.r@example.com", customerName: "Lucía Romero", lineItems: items([SERUM_30, 2]) }, usps("44556684"), 10);
  late("#10455", { email: "derek.m@example.com", customerName: "Derek Miles", lineItems: items([SERUM_50]) }, usps("44556655"), 21);
  store.addOrder({
    name: "#10486",
    email: "sophie.t@example.com",
    customerName: "Sophie Tran",
    createdAt: at(-9),
    fulfillmentStatus: "FULFILLED",
    fulfillments: [{ displayStatus: "LABEL_PRINTED", createdAt: at(-6), deliveredAt: null, estimatedDeliveryAt: at(3), tracking: ups("0123456786") }],
  });

  store.addOrder({ name: "#10477", email: "jordan.b@example.com", customerName: "Jordan Blake", createdAt: at(-1), fulfillmentStatus: "UNFULFILLED", lineItems: items([SERUM_30, 2]) });
  store.addOrder({ name: "#10479", email: "chloe.d@example.com", customerName: "Chloe Dubois", createdAt: at(-1), fulfillmentStatus: "UNFULFILLED", lineItems: items([SERUM_50]) });
  store.addOrder({ name: "#10474", email: "omar.h@example.com", customerName: "Omar Haddad", createdAt: at(-2), fulfillmentStatus: "UNFULFILLED", lineItems: items([SERUM_30]) });

  const delivered = (name: string, input: Partial<EmulatedOrder>, tracking: { number: string; url: string; company: string }, deliveredDaysAgo: number) =>
    store.addOrder({
      name,
      createdAt: at(-deliveredDaysAgo - 5),
      fulfillmentStatus: "FULFILLED",
      fulfillments: [{ displayStatus: "DELIVERED", createdAt: at(-deliveredDaysAgo - 4), deliveredAt: at(-deliveredDaysAgo), estimatedDeliveryAt: at(-deliveredDaysAgo), tracking }],
      ...input,
    });
  delivered("#10466", { email: "nina.v@example.com", customerName: "Nina Volkova", lineItems: items([BUNDLE]) }, ups("0123456766"), 4);
  delivered("#10391", { email: "priya.n@example.com", customerName: "Priya Nair" }, usps("44556691"), 3);
  delivered(
    "#10288",
    {
      email: "priya.n@example.com",
      customerName: "Priya Nair",
      createdAt: at(-62),
      financialStatus: "REFUNDED",
      refunds: [{ id: "gid://shopify/Refund/90288001", createdAt: at(-50), note: "Delivered, not received: carrier claim", amount: "36.27", shippingAmount: "4.95" }],
    },
    usps("44556628"),
    55,
  );
  delivered("#10471", { email: "carmen.s@example.com", customerName: "Carmen Soto" }, usps("44556671"), 2);
  delivered("#10473", { email: "dani.r@example.com", customerName: "Dani Reyes", lineItems: items([SERUM_50]) }, ups("0123456773"), 2);
  delivered("#10470", { email: "jade.w@example.com", customerName: "Jade Wong", lineItems: items([SERUM_30, 3]) }, ups("0123456770"), 1);
  delivered("#10468", { email: "tess.o@example.com", customerName: "Tess Okafor", lineItems: items([SERUM_30], [LIP_OIL]) }, usps("44556668"), 2);
  delivered("#10459", { email: "tk.user8841@example.com", customerName: "Tomás Kovač", lineItems: items([SERUM_50, 2]) }, usps("44556659"), 18);

  store.addOrder({
    name: "#10490",
    customerName: "Ana Beltrán",
    createdAt: at(-5),
    tiktokOrderId: DEMO_TIKTOK_SYNCED_ORDER_ID,
    fulfillmentStatus: "FULFILLED",
    lineItems: items([SERUM_30]),
    fulfillments: [{ displayStatus: "IN_TRANSIT", createdAt: at(-3), deliveredAt: null, estimatedDeliveryAt: at(1), tracking: usps("44556690") }],
  });
}
