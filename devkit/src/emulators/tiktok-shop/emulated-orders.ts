import { emulatedShopId } from "./emulated-ids.ts";

/** A unit of a SKU in an order, as Get Order Detail lists it (one line item per unit). */
export interface EmulatedLineItem {
  id: string;
  sku_id: string;
  product_id: string;
  product_name: string;
  sku_name: string;
  seller_sku: string;
  sku_image: string;
  sku_type: "NORMAL";
  sale_price: string;
  original_price: string;
  platform_discount: string;
  seller_discount: string;
  currency: string;
  display_status: string;
  package_id?: string;
  package_status?: string;
  tracking_number?: string;
  shipping_provider_name?: string;
  shipping_provider_id?: string;
  is_gift: boolean;
  cancel_reason?: string;
  cancel_user?: string;
  rts_time?: number;
}

/** An order as the Partner API (202309) returns it, with the fields Get Order Detail documents. */
export interface EmulatedOrder {
  id: string;
  status: string;
  user_id: string;
  buyer_email: string;
  buyer_message: string;
  commerce_platform: "TIKTOK_SHOP";
  order_type: "NORMAL";
  fulfillment_type: "FULFILLMENT_BY_SELLER";
  shipping_type: "TIKTOK" | "SELLER";
  delivery_type: "HOME_DELIVERY";
  delivery_option_name: string;
  payment_method_name: string;
  is_cod: boolean;
  is_on_hold_order: boolean;
  is_sample_order: boolean;
  is_buyer_request_cancel: boolean;
  has_updated_recipient_address: boolean;
  warehouse_id: string;
  recipient_address: {
    name: string;
    first_name: string;
    last_name: string;
    phone_number: string;
    address_detail: string;
    address_line1: string;
    address_line2: string;
    full_address: string;
    postal_code: string;
    region_code: string;
    district_info: { address_level: string; address_level_name: string; address_name: string }[];
  };
  payment: {
    currency: string;
    sub_total: string;
    shipping_fee: string;
    seller_discount: string;
    platform_discount: string;
    total_amount: string;
    original_total_product_price: string;
    original_shipping_fee: string;
    tax: string;
  };
  line_items: EmulatedLineItem[];
  packages: { id: string }[];
  tracking_number?: string;
  shipping_provider?: string;
  shipping_provider_id?: string;
  cancel_reason?: string;
  cancellation_initiator?: string;
  create_time: number;
  update_time: number;
  paid_time?: number;
  rts_sla_time: number;
  tts_sla_time: number;
  shipping_due_time: number;
  collection_due_time: number;
  delivery_due_time: number;
  rts_time?: number;
  collection_time?: number;
  delivery_time?: number;
  cancel_time?: number;
}

export interface EmulatedReturn {
  return_id: string;
  order_id: string;
  return_type: "REFUND" | "RETURN_AND_REFUND" | "REPLACEMENT";
  return_status: string;
  return_reason: string;
  return_reason_text: string;
  role: "BUYER" | "SELLER" | "OPERATOR" | "SYSTEM";
  arbitration_status?: string;
  refund_amount: { currency: string; refund_total: string; refund_subtotal: string; refund_shipping_fee: string; refund_tax: string };
  return_line_items: { return_line_item_id: string; order_line_item_id: string; sku_id: string; sku_name: string; product_name: string; seller_sku: string }[];
  return_tracking_number?: string;
  return_provider_name?: string;
  create_time: number;
  update_time: number;
}

export interface EmulatedCancellation {
  cancel_id: string;
  order_id: string;
  cancel_status: string;
  cancel_type: "CANCEL" | "BUYER_CANCEL";
  cancel_reason: string;
  cancel_reason_text: string;
  role: "BUYER" | "SELLER" | "OPERATOR" | "SYSTEM";
  refund_amount: { currency: string; refund_total: string; refund_subtotal: string; refund_shipping_fee: string; refund_tax: string };
  cancel_line_items: { cancel_line_item_id: string; order_line_item_id: string; sku_id: string; sku_name: string; product_name: string; seller_sku: string }[];
  create_time: number;
  update_time: number;
}

export interface NewOrderItem {
  product: string;
  variant: string;
  sellerSku: string;
  /** Decimal string, per unit. */
  price: string;
  quantity?: number;
}

export interface NewOrder {
  /** The buyer's user id (the one their customer-service conversation carries); new if absent. */
  buyerUserId?: string;
  buyerName?: string;
  status?: string;
  items: NewOrderItem[];
  currency?: string;
  shippingFee?: string;
  createdAt: Date;
  /** The "ship within" deadline; default two days after the order. */
  shipBy?: Date;
  /** The promised delivery date; default a week after the order. */
  deliverBy?: Date;
  /** With a status past shipping: the parcel's tracking; one is made up when absent. */
  trackingNumber?: string;
  carrier?: string;
}

export interface NewAfterSale {
  reason: string;
  status?: string;
  createdAt: Date;
  /** Default: the whole order's total. */
  refundTotal?: string;
}

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);
const cents = (amount: string) => Math.round(Number(amount) * 100);
const decimal = (value: number) => (value / 100).toFixed(2);
const HOUR = 3_600;

/** Statuses after the parcel was handed over: the order has a package and tracking. */
const SHIPPED = new Set(["AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED", "PARTIALLY_SHIPPING"]);
const COLLECTED = new Set(["IN_TRANSIT", "DELIVERED", "COMPLETED"]);
const DELIVERED = new Set(["DELIVERED", "COMPLETED"]);

const PAGE_TOKEN = /^\d{1,9}$/;

export class InvalidSearch extends Error {}

/** A decision the shop refuses: an unknown request, one already decided, or a missing field. */
export class AfterSaleRefusal extends Error {
  constructor(
    readonly kind: "not_found" | "status" | "params",
    message: string,
  ) {
    super(message);
  }
}

function page<T>(items: T[], pageSize: number, token: string | undefined): { items: T[]; next_page_token: string; total_count: number } {
  let offset = 0;
  if (token) {
    const value = Buffer.from(token, "base64url").toString("utf8");
    if (!PAGE_TOKEN.test(value)) throw new InvalidSearch("page_token is invalid.");
    offset = Number(value);
  }
  const slice = items.slice(offset, offset + pageSize);
  const next = offset + slice.length;
  return { items: slice, next_page_token: next < items.length ? Buffer.from(String(next), "utf8").toString("base64url") : "", total_count: items.length };
}

function sorted<T extends { create_time: number; update_time: number }>(items: T[], field: string, order: string): T[] {
  const key = field === "update_time" ? "update_time" : "create_time";
  return [...items].sort((a, b) => (order === "ASC" ? a[key] - b[key] : b[key] - a[key]));
}

export interface SearchPaging {
  pageSize: number;
  pageToken: string | undefined;
  sortField: string;
  sortOrder: string;
}

/**
 * One shop's orders, packages, returns and cancellations, shaped as the Partner API returns them
 * and moved along as a shop's would be (`shipOrder`, `deliverOrder`, after-sale requests and
 * their decisions). Searches filter and page like the platform's: opaque tokens, `""` at the end.
 */
export class EmulatedOrderBook {
  readonly orders = new Map<string, EmulatedOrder>();
  readonly returns: EmulatedReturn[] = [];
  readonly cancellations: EmulatedCancellation[] = [];

  constructor(private readonly clock: () => Date) {}

  addOrder(spec: NewOrder): EmulatedOrder {
    const currency = spec.currency ?? "USD";
    const status = spec.status ?? "AWAITING_SHIPMENT";
    const created = seconds(spec.createdAt);
    const userId = spec.buyerUserId ?? emulatedShopId("user");
    const name = spec.buyerName ?? "Jordan Lee";
    const [first = name, ...rest] = name.split(" ");
    const lineItems: EmulatedLineItem[] = spec.items.flatMap((item) => {
      const skuId = `17294${String(cents(item.price)).padStart(6, "0")}${item.sellerSku.replace(/\D/g, "").padStart(4, "0").slice(-4)}`;
      return Array.from({ length: item.quantity ?? 1 }, () => ({
        id: emulatedShopId("order"),
        sku_id: skuId,
        product_id: `17293${skuId.slice(5)}`,
        product_name: item.product,
        sku_name: item.variant,
        seller_sku: item.sellerSku,
        sku_image: `https://p16-oec-va.ibyteimg.com/tos-maliva-i-o3syd03w52-us/${skuId}~tplv-o3syd03w52-origin-jpeg.jpeg`,
        sku_type: "NORMAL" as const,
        sale_price: item.price,
        original_price: item.price,
        platform_discount: "0.00",
        seller_discount: "0.00",
        currency,
        display_status: status,
        is_gift: false,
      }));
    });
    const subTotal = lineItems.reduce((sum, i) => sum + cents(i.sale_price), 0);
    const shippingFee = cents(spec.shippingFee ?? "0.00");
    const order: EmulatedOrder = {
      id: emulatedShopId("order"),
      status: "AWAITING_SHIPMENT",
      user_id: userId,
      // TikTok Shop relays buyers' mail: the address is never the buyer's own.
      buyer_email: `v2${userId.slice(-10)}@scs2.tiktok.com`,
      buyer_message: "",
      commerce_platform: "TIKTOK_SHOP",
      order_type: "NORMAL",
      fulfillment_type: "FULFILLMENT_BY_SELLER",
      shipping_type: "TIKTOK",
      delivery_type: "HOME_DELIVERY",
      delivery_option_name: "Standard shipping",
      payment_method_name: "Credit card",
      is_cod: false,
      is_on_hold_order: false,
      is_sample_order: false,
      is_buyer_request_cancel: false,
      has_updated_recipient_address: false,
      warehouse_id: "7068517275539719942",
      recipient_address: {
        name,
        first_name: first,
        last_name: rest.join(" "),
        // Masked, as the API returns it to the seller.
        phone_number: `(+1)213*****${userId.slice(-2)}`,
        address_detail: "Apt 4B",
        address_line1: "1** Main St",
        address_line2: "",
        full_address: "1** Main St, Apt 4B, Los Angeles, California, 90012, United States",
        postal_code: "90012",
        region_code: "US",
        district_info: [
          { address_level: "L0", address_level_name: "Country", address_name: "United States" },
          { address_level: "L1", address_level_name: "State", address_name: "California" },
          { address_level: "L3", address_level_name: "City", address_name: "Los Angeles" },
        ],
      },
      payment: {
        currency,
        sub_total: decimal(subTotal),
        shipping_fee: decimal(shippingFee),
        seller_discount: "0.00",
        platform_discount: "0.00",
        total_amount: decimal(subTotal + shippingFee),
        original_total_product_price: decimal(subTotal),
        original_shipping_fee: decimal(shippingFee),
        tax: "0.00",
      },
      line_items: lineItems,
      packages: [],
      create_time: created,
      update_time: created,
      paid_time: status === "UNPAID" ? undefined : created + 60,
      rts_sla_time: seconds(spec.shipBy ?? new Date(spec.createdAt.getTime() + 48 * HOUR * 1000)),
      tts_sla_time: seconds(spec.shipBy ?? new Date(spec.createdAt.getTime() + 48 * HOUR * 1000)) + 24 * HOUR,
      shipping_due_time: seconds(spec.shipBy ?? new Date(spec.createdAt.getTime() + 48 * HOUR * 1000)),
      collection_due_time: seconds(spec.shipBy ?? new Date(spec.createdAt.getTime() + 48 * HOUR * 1000)) + 24 * HOUR,
      delivery_due_time: seconds(spec.deliverBy ?? new Date(spec.createdAt.getTime() + 7 * 24 * HOUR * 1000)),
    };
    if (order.paid_time === undefined) delete order.paid_time;
    this.orders.set(order.id, order);
    this.moveTo(order, status, { trackingNumber: spec.trackingNumber, carrier: spec.carrier, at: spec.createdAt });
    return order;
  }

  order(orderId: string): EmulatedOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`no emulated order ${orderId}`);
    return order;
  }

  /**
   * Moves an order to a status as the shop's fulfilment would: shipping gives it a package and a
   * tracking number, collection and delivery their times; the order's `update_time` moves on.
   */
  setOrderStatus(orderId: string, status: string, options: { trackingNumber?: string | undefined; carrier?: string | undefined; at?: Date } = {}): EmulatedOrder {
    return this.moveTo(this.order(orderId), status, options);
  }

  private moveTo(order: EmulatedOrder, status: string, { trackingNumber, carrier, at }: { trackingNumber?: string | undefined; carrier?: string | undefined; at?: Date | undefined }) {
    const now = seconds(at ?? this.clock());
    order.status = status;
    order.update_time = Math.max(order.update_time, now);
    if (SHIPPED.has(status) && order.packages.length === 0) {
      const packageId = emulatedShopId("order").replace(/^5768/, "1152");
      const tracking = trackingNumber ?? `9400111${order.id.slice(-15)}`;
      const provider = carrier ?? "USPS";
      order.packages.push({ id: packageId });
      order.tracking_number = tracking;
      order.shipping_provider = provider;
      order.shipping_provider_id = "6617675021119438849";
      order.rts_time = Math.min(now, order.rts_sla_time);
      const shipped = status === "PARTIALLY_SHIPPING" ? order.line_items.slice(0, 1) : order.line_items;
      for (const item of shipped) {
        Object.assign(item, { package_id: packageId, tracking_number: tracking, shipping_provider_name: provider, shipping_provider_id: "6617675021119438849", rts_time: order.rts_time });
      }
    }
    if (COLLECTED.has(status)) order.collection_time ??= order.rts_time ?? now;
    if (DELIVERED.has(status)) order.delivery_time ??= now;
    if (status === "CANCELLED") order.cancel_time ??= now;
    for (const item of order.line_items) {
      item.display_status = status === "PARTIALLY_SHIPPING" ? (item.package_id ? "IN_TRANSIT" : "AWAITING_SHIPMENT") : status;
      if (item.package_id) item.package_status = DELIVERED.has(status) ? "DELIVERED" : COLLECTED.has(status) || status === "PARTIALLY_SHIPPING" ? "IN_TRANSIT" : "TO_FULFILL";
    }
    return order;
  }

  private refundOf(order: EmulatedOrder, refundTotal: string | undefined) {
    const total = refundTotal ?? order.payment.total_amount;
    return { currency: order.payment.currency, refund_total: total, refund_subtotal: total, refund_shipping_fee: "0.00", refund_tax: "0.00" };
  }

  private afterSaleItems(order: EmulatedOrder, idKey: "return_line_item_id" | "cancel_line_item_id") {
    return order.line_items.map((item) => ({
      [idKey]: emulatedShopId("order"),
      order_line_item_id: item.id,
      sku_id: item.sku_id,
      sku_name: item.sku_name,
      product_name: item.product_name,
      seller_sku: item.seller_sku,
    }));
  }

  /** A buyer's return or refund request (pending unless said otherwise). */
  addReturn(orderId: string, type: EmulatedReturn["return_type"], spec: NewAfterSale): EmulatedReturn {
    const order = this.order(orderId);
    const request: EmulatedReturn = {
      return_id: `4035${emulatedShopId("order").slice(4)}`,
      order_id: order.id,
      return_type: type,
      return_status: spec.status ?? (type === "REPLACEMENT" ? "REPLACEMENT_REQUEST_PENDING" : "RETURN_OR_REFUND_REQUEST_PENDING"),
      return_reason: "ecom_order_delivered_refund_and_return_reason_damaged_product",
      return_reason_text: spec.reason,
      role: "BUYER",
      refund_amount: this.refundOf(order, spec.refundTotal),
      return_line_items: this.afterSaleItems(order, "return_line_item_id") as EmulatedReturn["return_line_items"],
      create_time: seconds(spec.createdAt),
      update_time: seconds(spec.createdAt),
    };
    this.returns.push(request);
    return request;
  }

  /** A buyer's cancellation request on an order not yet shipped (pending unless said otherwise). */
  addCancellation(orderId: string, spec: NewAfterSale): EmulatedCancellation {
    const order = this.order(orderId);
    const request: EmulatedCancellation = {
      cancel_id: `4036${emulatedShopId("order").slice(4)}`,
      order_id: order.id,
      cancel_status: spec.status ?? "CANCELLATION_REQUEST_PENDING",
      cancel_type: "BUYER_CANCEL",
      cancel_reason: "ecom_order_unpaid_cancel_reason_buyer_change_mind",
      cancel_reason_text: spec.reason,
      role: "BUYER",
      refund_amount: this.refundOf(order, spec.refundTotal),
      cancel_line_items: this.afterSaleItems(order, "cancel_line_item_id") as EmulatedCancellation["cancel_line_items"],
      create_time: seconds(spec.createdAt),
      update_time: seconds(spec.createdAt),
    };
    order.is_buyer_request_cancel = request.cancel_status === "CANCELLATION_REQUEST_PENDING";
    this.cancellations.push(request);
    return request;
  }

  setReturnStatus(returnId: string, status: string, at = this.clock()): EmulatedReturn {
    const request = this.returns.find((r) => r.return_id === returnId);
    if (!request) throw new Error(`no emulated return ${returnId}`);
    request.return_status = status;
    request.update_time = seconds(at);
    return request;
  }

  setCancellationStatus(cancelId: string, status: string, at = this.clock()): EmulatedCancellation {
    const request = this.cancellations.find((c) => c.cancel_id === cancelId);
    if (!request) throw new Error(`no emulated cancellation ${cancelId}`);
    request.cancel_status = status;
    request.update_time = seconds(at);
    const order = this.order(request.order_id);
    order.is_buyer_request_cancel = status === "CANCELLATION_REQUEST_PENDING";
    if (status === "CANCELLATION_REQUEST_COMPLETE" || status === "CANCELLATION_REQUEST_SUCCESS") {
      order.cancel_reason = request.cancel_reason_text;
      order.cancellation_initiator = request.role;
      this.moveTo(order, "CANCELLED", { at });
    }
    return request;
  }

  /** Decisions already made, by the seller's `idempotency_key`: a repeat is answered, not decided again. */
  readonly decisionKeys = new Map<string, string>();

  /**
   * The seller approves or rejects a buyer's cancellation request: approved, the order is
   * cancelled (and refunded); rejected, it goes on to ship. Only a pending request can be decided.
   */
  decideCancellation(cancelId: string, decision: "approve" | "reject", rejectReason: string | null): EmulatedCancellation {
    const request = this.cancellations.find((c) => c.cancel_id === cancelId);
    if (!request) throw new AfterSaleRefusal("not_found", `Cancellation ${cancelId} does not exist.`);
    if (request.cancel_status !== "CANCELLATION_REQUEST_PENDING") throw new AfterSaleRefusal("status", `The cancellation is ${request.cancel_status}: only a pending request can be decided.`);
    if (decision === "reject" && !rejectReason) throw new AfterSaleRefusal("params", "reject_reason is required to reject a cancellation.");
    return this.setCancellationStatus(cancelId, decision === "approve" ? "CANCELLATION_REQUEST_COMPLETE" : "CANCELLATION_REQUEST_REJECT");
  }

  /**
   * The seller approves or rejects a return/refund request with the decision its type takes:
   * a refund-only request is refunded at once, a return waits for the buyer to send the parcel.
   */
  decideReturn(returnId: string, decision: string, rejectReason: string | null): EmulatedReturn {
    const request = this.returns.find((r) => r.return_id === returnId);
    if (!request) throw new AfterSaleRefusal("not_found", `Return ${returnId} does not exist.`);
    const pending = request.return_status === "RETURN_OR_REFUND_REQUEST_PENDING" || request.return_status === "REPLACEMENT_REQUEST_PENDING";
    if (!pending) throw new AfterSaleRefusal("status", `The return is ${request.return_status}: only a pending request can be decided.`);
    const what = request.return_type === "REFUND" ? "REFUND" : request.return_type === "REPLACEMENT" ? "REPLACEMENT" : "RETURN";
    if (decision !== `APPROVE_${what}` && decision !== `REJECT_${what}`) throw new AfterSaleRefusal("params", `decision: a ${request.return_type} request takes APPROVE_${what} or REJECT_${what}.`);
    if (decision.startsWith("REJECT")) {
      if (!rejectReason) throw new AfterSaleRefusal("params", "reject_reason is required to reject a return.");
      return this.setReturnStatus(returnId, what === "REPLACEMENT" ? "REPLACEMENT_REQUEST_REJECT" : "REFUND_OR_RETURN_REQUEST_REJECT");
    }
    const next = what === "REFUND" ? "RETURN_OR_REFUND_REQUEST_COMPLETE" : what === "REPLACEMENT" ? "REPLACEMENT_REQUEST_COMPLETE" : "AWAITING_BUYER_SHIP";
    return this.setReturnStatus(returnId, next);
  }

  /** Get Order Detail: the orders among `ids` this shop has, in the order asked. */
  detail(ids: string[]): { orders: EmulatedOrder[] } {
    return { orders: ids.map((id) => this.orders.get(id)).filter((o): o is EmulatedOrder => o !== undefined) };
  }

  /** Order search (202309) with the body filters Surgedesk and sellers' tools use. */
  searchOrders(filter: Record<string, unknown>, paging: SearchPaging) {
    const matches = [...this.orders.values()].filter(
      (o) =>
        (filter.order_status === undefined || o.status === filter.order_status) &&
        (filter.buyer_user_id === undefined || o.user_id === filter.buyer_user_id) &&
        (filter.shipping_type === undefined || o.shipping_type === filter.shipping_type) &&
        (filter.is_buyer_request_cancel === undefined || o.is_buyer_request_cancel === filter.is_buyer_request_cancel) &&
        inRange(o.create_time, filter.create_time_ge, filter.create_time_lt) &&
        inRange(o.update_time, filter.update_time_ge, filter.update_time_lt),
    );
    const { items, ...rest } = page(sorted(matches, paging.sortField, paging.sortOrder), paging.pageSize, paging.pageToken);
    return { orders: items, ...rest };
  }

  searchReturns(filter: Record<string, unknown>, paging: SearchPaging) {
    const matches = this.returns.filter(
      (r) =>
        listed(filter.order_ids, r.order_id) &&
        listed(filter.return_ids, r.return_id) &&
        listed(filter.return_types, r.return_type) &&
        listed(filter.return_status, r.return_status) &&
        listed(filter.buyer_user_ids, this.orders.get(r.order_id)?.user_id),
    );
    const { items, ...rest } = page(sorted(matches, paging.sortField, paging.sortOrder), paging.pageSize, paging.pageToken);
    return { return_orders: items, ...rest };
  }

  searchCancellations(filter: Record<string, unknown>, paging: SearchPaging) {
    const matches = this.cancellations.filter(
      (c) =>
        listed(filter.order_ids, c.order_id) &&
        listed(filter.cancel_ids, c.cancel_id) &&
        listed(filter.cancel_types, c.cancel_type) &&
        listed(filter.cancel_status, c.cancel_status) &&
        listed(filter.buyer_user_ids, this.orders.get(c.order_id)?.user_id),
    );
    const { items, ...rest } = page(sorted(matches, paging.sortField, paging.sortOrder), paging.pageSize, paging.pageToken);
    return { cancellations: items, ...rest };
  }
}

function inRange(value: number, from: unknown, to: unknown): boolean {
  return (typeof from !== "number" || value >= from) && (typeof to !== "number" || value < to);
}

/** An absent list filter matches everything; a list matches its members. */
function listed(filter: unknown, value: string | undefined): boolean {
  if (filter === undefined) return true;
  return Array.isArray(filter) && value !== undefined && filter.includes(value);
}
