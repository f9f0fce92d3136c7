import type { AfterSaleRequest, Money, OrderLineItem, OrderRecord, OrderShipment } from "@surgedesk/shared";
import type { TikTokCancellation, TikTokLineItem, TikTokOrder, TikTokReturn } from "./order-payloads.ts";

/** Order statuses in the words an agent reads (and a buyer would recognise from the app). */
const ORDER_STATUS_WORDS: Readonly<Record<string, string>> = {
  UNPAID: "Unpaid",
  ON_HOLD: "On hold",
  AWAITING_SHIPMENT: "Awaiting shipment",
  PARTIALLY_SHIPPING: "Partially shipped",
  AWAITING_COLLECTION: "Awaiting collection by the carrier",
  IN_TRANSIT: "In transit",
  DELIVERED: "Delivered",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
};

const FULFILLMENT_WORDS: Readonly<Record<string, string>> = {
  UNPAID: "Unfulfilled",
  ON_HOLD: "Unfulfilled",
  AWAITING_SHIPMENT: "Unfulfilled",
  PARTIALLY_SHIPPING: "Partially fulfilled",
  AWAITING_COLLECTION: "Packed, not yet collected",
  IN_TRANSIT: "Fulfilled",
  DELIVERED: "Fulfilled",
  COMPLETED: "Fulfilled",
  CANCELLED: "Cancelled",
};

const RETURN_STATUS_WORDS: Readonly<Record<string, string>> = {
  RETURN_OR_REFUND_REQUEST_PENDING: "Requested",
  REFUND_OR_RETURN_REQUEST_REJECT: "Rejected",
  AWAITING_BUYER_SHIP: "Approved, waiting for the buyer to send it back",
  BUYER_SHIPPED_ITEM: "Sent back by the buyer",
  REJECT_RECEIVE_PACKAGE: "Returned parcel refused",
  RETURN_OR_REFUND_REQUEST_SUCCESS: "Approved",
  RETURN_OR_REFUND_REQUEST_CANCEL: "Withdrawn by the buyer",
  RETURN_OR_REFUND_REQUEST_COMPLETE: "Completed",
  REPLACEMENT_REQUEST_PENDING: "Replacement requested",
  REPLACEMENT_REQUEST_REJECT: "Replacement rejected",
  REPLACEMENT_REQUEST_REFUND_SUCCESS: "Refunded instead of replaced",
  REPLACEMENT_REQUEST_CANCEL: "Replacement withdrawn",
  REPLACEMENT_REQUEST_COMPLETE: "Replacement completed",
  AWAITING_BUYER_RESPONSE: "Waiting for the buyer",
};

const CANCEL_STATUS_WORDS: Readonly<Record<string, string>> = {
  CANCELLATION_REQUEST_PENDING: "Requested",
  CANCELLATION_REQUEST_SUCCESS: "Approved",
  CANCELLATION_REQUEST_CANCEL: "Withdrawn",
  CANCELLATION_REQUEST_COMPLETE: "Completed",
  CANCELLATION_REQUEST_REJECT: "Rejected",
};

/** Statuses where the buyer's money went back. */
const REFUNDED_STATUSES: ReadonlySet<string> = new Set([
  "RETURN_OR_REFUND_REQUEST_COMPLETE",
  "REPLACEMENT_REQUEST_REFUND_SUCCESS",
  "CANCELLATION_REQUEST_COMPLETE",
]);

/** A status the table does not know yet, said plainly: `SOME_NEW_STATUS` → "Some new status". */
export function statusInWords(status: string, words: Readonly<Record<string, string>> = ORDER_STATUS_WORDS): string {
  const known = words[status];
  if (known) return known;
  const plain = status.toLowerCase().replace(/_+/g, " ").trim();
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

export const returnStatusInWords = (status: string) => statusInWords(status, RETURN_STATUS_WORDS);
export const cancellationStatusInWords = (status: string) => statusInWords(status, CANCEL_STATUS_WORDS);

function iso(seconds: number | null | undefined): string | null {
  return seconds ? new Date(seconds * 1000).toISOString() : null;
}

function money(amount: string | null | undefined, currency: string | null | undefined): Money | null {
  return amount && currency ? { amount, currency } : null;
}

/**
 * The API lists one line item per unit; the console wants "2 × Glow serum, 30 ml". Units of the
 * same SKU at the same price become one line, in the order they first appear.
 */
function lineItems(items: TikTokLineItem[], currency: string | null | undefined): OrderLineItem[] {
  const lines = new Map<string, OrderLineItem>();
  for (const item of items) {
    const key = `${item.sku_id ?? item.id}\u0001${item.sale_price ?? ""}`;
    const line = lines.get(key);
    if (line) {
      line.quantity += 1;
      continue;
    }
    lines.set(key, {
      title: item.product_name ?? "(unnamed product)",
      variant: item.sku_name || null,
      sku: item.seller_sku || null,
      quantity: 1,
      price: money(item.sale_price, item.currency ?? currency),
    });
  }
  return [...lines.values()];
}

const SHIPMENT_WORDS: Readonly<Record<string, string>> = {
  AWAITING_COLLECTION: "Waiting for the carrier",
  IN_TRANSIT: "In transit",
  DELIVERED: "Delivered",
  COMPLETED: "Delivered",
};

/** A shipment per package, its tracking from the package's items or, failing that, the order. */
function shipments(order: TikTokOrder): OrderShipment[] {
  const packageIds = order.packages?.map((p) => p.id) ?? [];
  const shipped = order.collection_time ?? order.rts_time ?? null;
  const delivered = order.status === "DELIVERED" || order.status === "COMPLETED" ? (order.delivery_time ?? null) : null;
  const shipment = (items: TikTokLineItem[]): OrderShipment => {
    const withTracking = items.find((i) => i.tracking_number);
    return {
      carrier: withTracking?.shipping_provider_name ?? order.shipping_provider ?? null,
      trackingNumber: withTracking?.tracking_number ?? order.tracking_number ?? null,
      // TikTok Shop gives no tracking page address; the buyer follows the parcel in the app.
      trackingUrl: null,
      status: SHIPMENT_WORDS[order.status] ?? (withTracking?.package_status ? statusInWords(withTracking.package_status) : null),
      shippedAt: iso(shipped),
      deliveredAt: iso(delivered),
      estimatedDeliveryAt: iso(order.delivery_due_time ?? order.delivery_sla_time),
    };
  };
  if (packageIds.length > 0) return packageIds.map((id) => shipment(order.line_items.filter((i) => i.package_id === id)));
  // No package yet, but a tracking number: one shipment still says where it is.
  return order.tracking_number ? [shipment([])] : [];
}

function returnRequest(request: TikTokReturn): AfterSaleRequest {
  return {
    kind: request.return_type === "REFUND" ? "refund" : "return",
    id: request.return_id,
    status: returnStatusInWords(request.return_status),
    reason: request.return_reason_text ?? request.return_reason ?? null,
    requestedAt: iso(request.create_time),
    updatedAt: iso(request.update_time),
    refundAmount: money(request.refund_amount?.refund_total, request.refund_amount?.currency),
  };
}

function cancellationRequest(request: TikTokCancellation): AfterSaleRequest {
  return {
    kind: "cancellation",
    id: request.cancel_id,
    status: cancellationStatusInWords(request.cancel_status),
    reason: request.cancel_reason_text ?? request.cancel_reason ?? null,
    requestedAt: iso(request.create_time),
    updatedAt: iso(request.update_time),
    refundAmount: money(request.refund_amount?.refund_total, request.refund_amount?.currency),
  };
}

/**
 * One TikTok Shop order, with the return, refund and cancellation requests found for it, in the
 * product's order shape. TikTok Shop owns it: Shopify never refunds or cancels it.
 */
export function tiktokOrderRecord(
  order: TikTokOrder,
  afterSales: { returns?: readonly TikTokReturn[]; cancellations?: readonly TikTokCancellation[] } = {},
): OrderRecord {
  const returns = (afterSales.returns ?? []).filter((r) => r.order_id === order.id);
  const cancellations = (afterSales.cancellations ?? []).filter((c) => c.order_id === order.id);
  const requests = [...returns.map(returnRequest), ...cancellations.map(cancellationRequest)].sort((a, b) =>
    (b.requestedAt ?? "").localeCompare(a.requestedAt ?? ""),
  );
  const refunded = [...returns.map((r) => r.return_status), ...cancellations.map((c) => c.cancel_status)].some((s) => REFUNDED_STATUSES.has(s));
  const currency = order.payment?.currency;
  return {
    system: "tiktok_shop",
    shopifyName: null,
    shopifyId: null,
    tiktokOrderId: order.id,
    customerName: order.recipient_address?.name ?? null,
    email: order.buyer_email ?? null,
    phone: order.recipient_address?.phone_number ?? null,
    buyerUserId: order.user_id ?? null,
    status: statusInWords(order.status),
    financialStatus: order.status === "UNPAID" ? "Unpaid" : refunded ? "Refunded" : "Paid",
    fulfillmentStatus: statusInWords(order.status, FULFILLMENT_WORDS),
    total: money(order.payment?.total_amount, currency),
    lineItems: lineItems(order.line_items, currency),
    shipments: shipments(order),
    afterSales: requests,
    createdAt: iso(order.create_time),
    shipByAt: iso(order.shipping_due_time ?? order.rts_sla_time),
    deliverByAt: iso(order.delivery_due_time ?? order.delivery_sla_time),
  };
}
