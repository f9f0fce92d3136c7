import type { EmulatedShop } from "./emulated-shop.ts";
import type { EmulatedCancellation, EmulatedOrder, EmulatedReturn, NewAfterSale, NewOrder } from "./emulated-orders.ts";

/** An order to seed, with the after-sale requests its buyer opened. */
export interface SeedOrder extends NewOrder {
  /** A stable name, so a demo's messages and tests can point at the order they mean. */
  key: string;
  returns?: (NewAfterSale & { type: EmulatedReturn["return_type"] })[];
  cancellation?: NewAfterSale;
}

export interface SeededOrder {
  order: EmulatedOrder;
  returns: EmulatedReturn[];
  cancellation: EmulatedCancellation | null;
}

/**
 * Puts these orders (and their returns and cancellations) into the shop. The one way orders
 * enter an emulated shop's seed: the demo picks its own list, tests theirs.
 */
export function seedShopOrders(shop: EmulatedShop, orders: readonly SeedOrder[]): Map<string, SeededOrder> {
  const seeded = new Map<string, SeededOrder>();
  for (const { key, returns = [], cancellation, ...spec } of orders) {
    const order = shop.orderBook.addOrder(spec);
    seeded.set(key, {
      order,
      returns: returns.map(({ type, ...request }) => shop.orderBook.addReturn(order.id, type, request)),
      cancellation: cancellation ? shop.orderBook.addCancellation(order.id, cancellation) : null,
    });
  }
  return seeded;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A few orders as a beauty brand's TikTok Shop has them on a launch week: one to ship within
 * the day, one in transit, one delivered with a damage refund request, one with a cancellation
 * request, one late past its promised delivery.
 */
export function sampleShopOrders(now: Date): SeedOrder[] {
  const at = (msAgo: number) => new Date(now.getTime() - msAgo);
  return [
    {
      key: "ship-today",
      buyerName: "Maya Chen",
      status: "AWAITING_SHIPMENT",
      items: [{ product: "Glow Serum", variant: "30 ml", sellerSku: "GLW-SER-30", price: "34.00", quantity: 2 }],
      shippingFee: "4.99",
      createdAt: at(30 * HOUR),
      shipBy: new Date(now.getTime() + 18 * HOUR),
    },
    {
      key: "in-transit",
      buyerName: "Sofía Ramírez",
      status: "IN_TRANSIT",
      items: [
        { product: "Citrus Toner", variant: "150 ml", sellerSku: "GLW-TON-150", price: "22.00" },
        { product: "Glow Serum", variant: "30 ml", sellerSku: "GLW-SER-30", price: "34.00" },
      ],
      createdAt: at(4 * DAY),
      trackingNumber: "9400111206213859641234",
      carrier: "USPS",
    },
    {
      key: "damaged-refund",
      buyerName: "Priya Patel",
      status: "DELIVERED",
      items: [{ product: "Vitamin C Set", variant: "Full size", sellerSku: "GLW-VCS-FULL", price: "129.00" }],
      createdAt: at(9 * DAY),
      trackingNumber: "1Z999AA10123456784",
      carrier: "UPS",
      returns: [{ type: "REFUND", reason: "Damaged product: the bottle arrived leaking", createdAt: at(1 * DAY) }],
    },
    {
      key: "cancel-requested",
      buyerName: "Alex Johnson",
      status: "AWAITING_SHIPMENT",
      items: [{ product: "Lip Oil", variant: "Shade 03", sellerSku: "GLW-LIP-03", price: "16.00" }],
      createdAt: at(6 * HOUR),
      cancellation: { reason: "No longer needed", createdAt: at(2 * HOUR) },
    },
    {
      key: "late",
      buyerName: "Sam Rivera",
      status: "IN_TRANSIT",
      items: [{ product: "Glow Serum", variant: "50 ml", sellerSku: "GLW-SER-50", price: "48.00" }],
      createdAt: at(12 * DAY),
      deliverBy: at(2 * DAY),
      trackingNumber: "9400111206213859649876",
      carrier: "USPS",
    },
  ];
}
