/** A line of an emulated order. */
export interface EmulatedLineItem {
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  /** Each item's price after discounts, as a decimal string. */
  unitPrice: string;
}

export interface EmulatedFulfillment {
  /** Shopify's `FulfillmentDisplayStatus`: `IN_TRANSIT`, `DELIVERED`, `LABEL_PRINTED`, … */
  displayStatus: string;
  createdAt: Date;
  deliveredAt: Date | null;
  estimatedDeliveryAt: Date | null;
  tracking: { number: string; url: string; company: string } | null;
}

export interface EmulatedRefund {
  id: string;
  createdAt: Date;
  note: string | null;
  amount: string;
}

/** An order as the emulated shop keeps it; the handlers render it in Admin GraphQL's shape. */
export interface EmulatedOrder {
  /** `gid://shopify/Order/…` */
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  customerName: string | null;
  createdAt: Date;
  /** `web`, `pos`, or the sales channel's name (`tiktok` for orders the TikTok channel syncs). */
  sourceName: string;
  tags: string[];
  /** Note attributes (`customAttributes`): the TikTok channel puts the TikTok Shop order id here. */
  noteAttributes: { key: string; value: string }[];
  currency: string;
  lineItems: EmulatedLineItem[];
  financialStatus: string;
  fulfillmentStatus: string;
  /** Legacy single-parcel shorthand: becomes one fulfilment when `fulfillments` is not given. */
  tracking: { number: string; url: string; company: string } | null;
  estimatedDeliveryAt: Date | null;
  fulfillments: EmulatedFulfillment[];
  refunds: EmulatedRefund[];
  cancelledAt: Date | null;
  /** Shopify's `OrderCancelReason`: `CUSTOMER`, `INVENTORY`, `FRAUD`, `DECLINED`, `OTHER`, `STAFF`. */
  cancelReason: string | null;
}

export type ShopifyFault = { kind: "http"; status: number; retryAfterSec?: number } | { kind: "throttled" };

/** The TikTok channel's note attribute carrying the TikTok Shop order id on a synced order. */
export const TIKTOK_ORDER_ATTRIBUTE = "TikTok Shop Order ID";

const digitsOf = (phone: string) => phone.replace(/\D/g, "");

/**
 * An in-memory Shopify store for order lookups: tests and the demo add orders, queue faults,
 * and read `calls` to see what was asked.
 */
export class ShopifyStore {
  readonly shopDomain: string;
  readonly accessToken: string;
  readonly orders: EmulatedOrder[] = [];
  readonly calls: { query: string; at: Date }[] = [];
  private readonly faults: ShopifyFault[] = [];
  private nextNumber = 1001;
  private nextId = 5_612_345_678_001;

  constructor(options: { shopDomain?: string; accessToken?: string } = {}) {
    this.shopDomain = options.shopDomain ?? "emulated-shop.myshopify.com";
    this.accessToken = options.accessToken ?? "shpat_emulated";
  }

  /** Adds an order; `tiktokOrderId` makes it one the TikTok channel synced (source, tag and note attribute). */
  addOrder(input: Partial<EmulatedOrder> & { tiktokOrderId?: string } = {}): EmulatedOrder {
    const createdAt = input.createdAt ?? new Date();
    const tracking = input.tracking ?? null;
    const { tiktokOrderId } = input;
    const order: EmulatedOrder = {
      id: input.id ?? `gid://shopify/Order/${this.nextId++}`,
      name: input.name ?? `#${this.nextNumber++}`,
      email: input.email ?? null,
      phone: input.phone ?? null,
      customerName: input.customerName ?? null,
      createdAt,
      sourceName: input.sourceName ?? (tiktokOrderId ? "tiktok" : "web"),
      tags: input.tags ?? (tiktokOrderId ? ["TikTok", tiktokOrderId] : []),
      noteAttributes: input.noteAttributes ?? (tiktokOrderId ? [{ key: TIKTOK_ORDER_ATTRIBUTE, value: tiktokOrderId }] : []),
      currency: input.currency ?? "USD",
      lineItems: input.lineItems ?? [{ title: "Vitamin C Glow Serum", variantTitle: "30 ml", sku: "GLOW-C-30", quantity: 1, unitPrice: "29.00" }],
      financialStatus: input.financialStatus ?? "PAID",
      fulfillmentStatus: input.fulfillmentStatus ?? "UNFULFILLED",
      tracking,
      estimatedDeliveryAt: input.estimatedDeliveryAt ?? null,
      fulfillments:
        input.fulfillments ??
        (tracking
          ? [{ displayStatus: "IN_TRANSIT", createdAt: new Date(createdAt.getTime() + 86_400_000), deliveredAt: null, estimatedDeliveryAt: input.estimatedDeliveryAt ?? null, tracking }]
          : []),
      refunds: input.refunds ?? [],
      cancelledAt: input.cancelledAt ?? null,
      cancelReason: input.cancelReason ?? null,
    };
    this.orders.push(order);
    return order;
  }

  /** The next `times` calls fail this way. */
  fail(fault: ShopifyFault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  takeFault(): ShopifyFault | undefined {
    return this.faults.shift();
  }

  /**
   * Shopify's order search for the fields order lookup uses: `name:#1234`, `email:…`,
   * `phone:…` (compared by digits, as Shopify normalises numbers) and `tag:…`; a value may be
   * quoted; and `fulfillment_status:unfulfilled status:open` or `fulfillment_status:shipped status:open`, oldest first. Anything else matches nothing, as an unknown filter narrows Shopify's search to nothing.
   */
  search(query: string): EmulatedOrder[] {
    // The order-side queues' search: open (not cancelled) orders nothing was fulfilled of.
    if (/^fulfillment_status:unfulfilled( status:open)?$/.test(query.trim())) {
      return this.orders.filter((o) => o.fulfillmentStatus === "UNFULFILLED" && o.cancelledAt === null).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    }
    // …and its shipped ones, delivered or not, as Shopify's `shipped` filter answers.
    if (/^fulfillment_status:shipped( status:open)?$/.test(query.trim())) {
      return this.orders.filter((o) => o.fulfillmentStatus === "FULFILLED" && o.cancelledAt === null).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    }
    const match = /^(name|email|phone|tag):"?([^"]+)"?$/.exec(query.trim());
    if (!match) return [];
    const [, field, value = ""] = match;
    const wanted = value.toLowerCase();
    const matches = (o: EmulatedOrder) => {
      if (field === "name") return o.name.toLowerCase() === wanted;
      if (field === "email") return o.email?.toLowerCase() === wanted;
      if (field === "phone") return o.phone !== null && digitsOf(o.phone).endsWith(digitsOf(wanted)) && digitsOf(wanted).length >= 7;
      return o.tags.some((t) => t.toLowerCase() === wanted);
    };
    return this.orders.filter(matches).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }
}
