/** A line of an emulated order. */
export interface EmulatedLineItem {
  /** `gid://shopify/LineItem/…`; given one when the order is added. */
  id?: string;
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
  /** What each line gave back: a line's refundable quantity is its quantity less these. */
  lineItems?: { lineItemId: string; quantity: number }[];
  /** The shipping it gave back, as a decimal string. */
  shippingAmount?: string;
}

/**
 * What Shopify's `order.suggestedRefund` works out: the lines with their quantities, their tax,
 * the shipping, the total (never above what is left to refund) and the transaction to take it from.
 */
export interface EmulatedSuggestedRefund {
  lines: { lineItemId: string; quantity: number }[];
  subtotalCents: number;
  taxCents: number;
  shippingCents: number;
  /** Shipping still refundable on the order. */
  maxShippingCents: number;
  amountCents: number;
  maxRefundableCents: number;
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
  /** The order's shipping line price, as a decimal string ("0.00": free shipping). */
  shippingPrice: string;
  /** The tax rate on its lines (0.08 for 8 %); shipping is not taxed, as in most US states. */
  taxRate: number;
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

/** The Admin GraphQL operations the emulator tells apart (by the query's root field). */
export type ShopifyOperation = "orders" | "order" | "suggestedRefund" | "orderCancel" | "refundCreate";

/**
 * A call the store answers badly: an HTTP error, a `THROTTLED` error in a 200, or a lost answer
 * (the store acts, then the connection drops before the caller hears back). `only` limits it to
 * one operation; other calls pass it by.
 */
export type ShopifyFault = ({ kind: "http"; status: number; retryAfterSec?: number } | { kind: "throttled" } | { kind: "lose-answer" }) & { only?: ShopifyOperation };

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
  readonly calls: { query: string; operation: ShopifyOperation; at: Date }[] = [];
  /** `refundCreate`'s idempotency keys (`@idempotent`), each with the refund it made. */
  readonly refundKeys = new Map<string, EmulatedRefund>();
  private nextLineId = 13_790_000_001;
  private nextRefundId = 91_000_001;
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
      lineItems: (input.lineItems ?? [{ title: "Vitamin C Glow Serum", variantTitle: "30 ml", sku: "GLOW-C-30", quantity: 1, unitPrice: "29.00" }]).map((item) => ({
        ...item,
        id: item.id ?? `gid://shopify/LineItem/${this.nextLineId++}`,
      })),
      shippingPrice: input.shippingPrice ?? "0.00",
      taxRate: input.taxRate ?? 0,
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

  /** The first queued fault for this operation, consumed. */
  takeFault(operation: ShopifyOperation = "orders"): ShopifyFault | undefined {
    const index = this.faults.findIndex((f) => !f.only || f.only === operation);
    return index === -1 ? undefined : this.faults.splice(index, 1)[0];
  }

  order(id: string): EmulatedOrder | undefined {
    return this.orders.find((o) => o.id === id);
  }

  /** The order's total, in cents: its lines, their tax and the shipping. */
  static totalCents(order: EmulatedOrder): number {
    return ShopifyStore.subtotalCents(order) + ShopifyStore.taxCents(order) + ShopifyStore.shippingCents(order);
  }

  static subtotalCents(order: EmulatedOrder): number {
    return order.lineItems.reduce((sum, item) => sum + Math.round(Number(item.unitPrice) * 100) * item.quantity, 0);
  }

  static shippingCents(order: EmulatedOrder): number {
    return Math.round(Number(order.shippingPrice) * 100);
  }

  /** The tax on `quantity` of a line: the line's tax line, shared out by quantity as Shopify does. */
  static lineTaxCents(order: EmulatedOrder, line: EmulatedLineItem, quantity = line.quantity): number {
    const lineTax = Math.round(Math.round(Number(line.unitPrice) * 100) * line.quantity * order.taxRate);
    return Math.round((lineTax * quantity) / line.quantity);
  }

  static taxCents(order: EmulatedOrder): number {
    return order.lineItems.reduce((sum, item) => sum + ShopifyStore.lineTaxCents(order, item), 0);
  }

  static refundedCents(order: EmulatedOrder): number {
    return order.refunds.reduce((sum, r) => sum + Math.round(Number(r.amount) * 100), 0);
  }

  /** Shipping not yet given back. */
  static refundableShippingCents(order: EmulatedOrder): number {
    return Math.max(0, ShopifyStore.shippingCents(order) - order.refunds.reduce((sum, r) => sum + Math.round(Number(r.shippingAmount ?? 0) * 100), 0));
  }

  /**
   * `order.suggestedRefund`: with `suggestFullRefund` every line still refundable, else the lines
   * asked; each with its share of the line's tax; the shipping left when `refundShipping` (or the
   * `shippingAmount` asked, up to what is left); the total capped at what is left to refund.
   */
  suggestRefund(
    order: EmulatedOrder,
    input: { suggestFullRefund: boolean; refundShipping: boolean; shippingAmount: string | null; lines: { lineItemId: string; quantity: number }[] },
  ): EmulatedSuggestedRefund {
    const asked = input.suggestFullRefund
      ? order.lineItems.map((l) => ({ lineItemId: l.id!, quantity: ShopifyStore.refundable(order, l.id!) }))
      : input.lines.map((l) => ({ lineItemId: l.lineItemId, quantity: Math.min(l.quantity, ShopifyStore.refundable(order, l.lineItemId)) }));
    const lines = asked.filter((l) => l.quantity > 0 && order.lineItems.some((item) => item.id === l.lineItemId));
    let subtotalCents = 0;
    let taxCents = 0;
    for (const l of lines) {
      const item = order.lineItems.find((i) => i.id === l.lineItemId)!;
      subtotalCents += Math.round(Number(item.unitPrice) * 100) * l.quantity;
      taxCents += ShopifyStore.lineTaxCents(order, item, l.quantity);
    }
    const maxShippingCents = ShopifyStore.refundableShippingCents(order);
    const shippingCents = input.refundShipping ? maxShippingCents : Math.min(maxShippingCents, Math.round(Number(input.shippingAmount ?? 0) * 100));
    const maxRefundableCents = Math.max(0, ShopifyStore.totalCents(order) - ShopifyStore.refundedCents(order));
    const amountCents = Math.min(maxRefundableCents, subtotalCents + taxCents + shippingCents);
    return { lines, subtotalCents, taxCents, shippingCents, maxShippingCents, amountCents, maxRefundableCents };
  }

  /** How many of a line can still be refunded. */
  static refundable(order: EmulatedOrder, lineId: string): number {
    const line = order.lineItems.find((l) => l.id === lineId);
    if (!line) return 0;
    const refunded = order.refunds.flatMap((r) => r.lineItems ?? []).filter((l) => l.lineItemId === lineId).reduce((sum, l) => sum + l.quantity, 0);
    return Math.max(0, line.quantity - refunded);
  }

  /**
   * `orderCancel`, as Shopify refuses it (already cancelled, something fulfilled) or does it: the
   * order cancelled with its reason, and with a refund the whole amount paid given back.
   */
  cancelOrder(input: { orderId: string; reason: string; refund: boolean; staffNote: string | null }): { error: { code: string; message: string } | null; jobId: string | null } {
    const order = this.order(input.orderId);
    if (!order) return { error: { code: "NOT_FOUND", message: "Order does not exist" }, jobId: null };
    if (order.cancelledAt) return { error: { code: "INVALID", message: "Order has already been cancelled" }, jobId: null };
    if (order.fulfillmentStatus !== "UNFULFILLED") return { error: { code: "INVALID", message: "Cannot cancel an order that has fulfilled line items" }, jobId: null };
    order.cancelledAt = new Date();
    order.cancelReason = input.reason;
    if (input.refund) {
      const paid = ShopifyStore.totalCents(order) - ShopifyStore.refundedCents(order);
      if (paid > 0) {
        order.refunds.push({
          id: `gid://shopify/Refund/${this.nextRefundId++}`,
          createdAt: new Date(),
          note: input.staffNote,
          amount: (paid / 100).toFixed(2),
          shippingAmount: (ShopifyStore.refundableShippingCents(order) / 100).toFixed(2),
        });
      }
      order.financialStatus = "REFUNDED";
    }
    return { error: null, jobId: `gid://shopify/Job/${crypto.randomUUID()}` };
  }

  /**
   * `refundCreate`: a repeat with an idempotency key already used answers the refund it made;
   * otherwise the lines, the shipping (`fullRefund` or an amount) and the transactions' amount
   * are checked against what is left to refund. The money that moves is the transactions' sum,
   * as on Shopify. An order the TikTok channel synced is refused: TikTok Shop took that payment.
   */
  createRefund(input: {
    orderId: string;
    note: string | null;
    lines: { lineItemId: string; quantity: number }[];
    shipping?: { fullRefund?: boolean; amount?: string | null } | null;
    amount: string | null;
    idempotencyKey: string | null;
  }): { error: string | null; refund: EmulatedRefund | null } {
    if (input.idempotencyKey && this.refundKeys.has(input.idempotencyKey)) return { error: null, refund: this.refundKeys.get(input.idempotencyKey)! };
    const order = this.order(input.orderId);
    if (!order) return { error: "Order does not exist", refund: null };
    if (order.sourceName === "tiktok") return { error: "This order was placed on the TikTok sales channel: refund it in TikTok Shop", refund: null };
    for (const line of input.lines) {
      if (line.quantity > ShopifyStore.refundable(order, line.lineItemId)) return { error: `Quantity cannot refund more items than were purchased (${line.lineItemId})`, refund: null };
    }
    const refunded = ShopifyStore.refundedCents(order);
    const amount = input.amount === null ? 0 : Math.round(Number(input.amount) * 100);
    if (amount > ShopifyStore.totalCents(order) - refunded) return { error: "Refund amount exceeds the amount that can be refunded", refund: null };
    const shippingLeft = ShopifyStore.refundableShippingCents(order);
    const shipping = input.shipping?.amount != null ? Math.round(Number(input.shipping.amount) * 100) : input.shipping?.fullRefund ? shippingLeft : 0;
    if (shipping > shippingLeft) return { error: "Shipping refund amount exceeds the shipping that can be refunded", refund: null };
    const refund: EmulatedRefund = {
      id: `gid://shopify/Refund/${this.nextRefundId++}`,
      createdAt: new Date(),
      note: input.note,
      amount: (amount / 100).toFixed(2),
      lineItems: input.lines,
      shippingAmount: (shipping / 100).toFixed(2),
    };
    order.refunds.push(refund);
    order.financialStatus = refunded + amount >= ShopifyStore.totalCents(order) ? "REFUNDED" : "PARTIALLY_REFUNDED";
    if (input.idempotencyKey) this.refundKeys.set(input.idempotencyKey, refund);
    return { error: null, refund };
  }

  /** The refunds and cancellations Shopify made, for tests counting them. */
  refundsOf(orderId: string): EmulatedRefund[] {
    return this.order(orderId)?.refunds ?? [];
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
