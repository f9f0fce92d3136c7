import type { FoundOrder, MacroLanguage, OrderContext, OrderShipment, TemplateValues } from "@surgedesk/shared";
import type { ReplyMessage } from "./reply-target.ts";

/**
 * An order's status as a customer reads it, keyed by the status words the order shape carries
 * (Shopify's and TikTok Shop's, lower-cased). An unknown one is shown lower-cased.
 */
const STATUS_WORDS: Record<MacroLanguage, Record<string, string>> = {
  en: {
    "awaiting shipment": "being prepared",
    unfulfilled: "being prepared",
    "awaiting collection": "packed and waiting for the carrier",
    "label created": "packed and waiting for the carrier",
    "label printed": "packed and waiting for the carrier",
    shipped: "shipped",
    fulfilled: "shipped",
    "in transit": "on its way",
    "out for delivery": "out for delivery",
    delivered: "delivered",
    completed: "delivered",
    "attempted delivery": "waiting after a missed delivery attempt",
    "on hold": "on hold",
    cancelled: "cancelled",
    refunded: "refunded",
    "partially refunded": "partly refunded",
  },
  es: {
    "awaiting shipment": "en preparación",
    unfulfilled: "en preparación",
    "awaiting collection": "embalado y esperando a la paquetería",
    "label created": "embalado y esperando a la paquetería",
    "label printed": "embalado y esperando a la paquetería",
    shipped: "enviado",
    fulfilled: "enviado",
    "in transit": "en camino",
    "out for delivery": "en reparto",
    delivered: "entregado",
    completed: "entregado",
    "attempted delivery": "pendiente tras un intento de entrega",
    "on hold": "en espera",
    cancelled: "cancelado",
    refunded: "reembolsado",
    "partially refunded": "reembolsado en parte",
  },
};

/** The order's status words as a customer reads them. */
export function orderStatusPhrase(status: string | null, language: MacroLanguage): string | null {
  if (!status) return null;
  const key = status.toLowerCase().replaceAll("_", " ");
  return STATUS_WORDS[language][key] ?? key;
}

function formatDate(iso: string | Date, language: MacroLanguage): string {
  return new Intl.DateTimeFormat(language === "es" ? "es-ES" : "en-US", { month: "long", day: "numeric", timeZone: "UTC" }).format(new Date(iso));
}

function formatMoney(amount: string, currency: string, language: MacroLanguage): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  try {
    return new Intl.NumberFormat(language === "es" ? "es-ES" : "en-US", { style: "currency", currency }).format(value);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** The parcel a customer asks about: the latest one with tracking, else the latest. */
export function currentShipment(order: FoundOrder | null): OrderShipment | null {
  if (!order) return null;
  const tracked = order.shipments.filter((s) => s.trackingNumber || s.trackingUrl);
  return tracked.at(-1) ?? order.shipments.at(-1) ?? null;
}

/**
 * Every variable a macro may use, from the message (its entities and author), the order found,
 * and the agent. A value nobody knows is null: the agent sees it and fills it.
 */
export function templateValues(input: {
  message: Pick<ReplyMessage, "authorHandle" | "classification">;
  order: OrderContext;
  agentName: string | null;
  language: MacroLanguage;
  now?: Date;
}): TemplateValues {
  const { message, language } = input;
  const entities = message.classification?.entities;
  const found = input.order.order;
  const shipment = currentShipment(found);
  const handle = message.authorHandle?.replace(/^@/, "") ?? null;
  const firstName = found?.customerName?.trim().split(/\s+/)[0] ?? null;
  const eta = shipment?.deliveredAt ?? shipment?.estimatedDeliveryAt ?? found?.deliverByAt ?? null;
  return {
    customer_name: firstName ?? handle,
    customer_handle: handle,
    // A TikTok Shop order without a Shopify copy is known to the buyer by its TikTok order id.
    order_id: found?.shopifyName ?? found?.tiktokOrderId ?? entities?.orderNumbers[0] ?? entities?.tiktokOrderIds[0] ?? null,
    platform_order_id: found?.tiktokOrderId ?? entities?.tiktokOrderIds[0] ?? null,
    order_status: orderStatusPhrase(found?.status ?? null, language),
    tracking_url: shipment?.trackingUrl ?? null,
    tracking_number: shipment?.trackingNumber ?? null,
    carrier: shipment?.carrier ?? null,
    eta: eta ? formatDate(eta, language) : null,
    order_items:
      found && found.lineItems.length > 0
        ? found.lineItems.map((item) => `${item.quantity} × ${item.title}${item.variant ? ` (${item.variant})` : ""}`).join(", ")
        : null,
    order_total: found?.total ? formatMoney(found.total.amount, found.total.currency, language) : null,
    date: formatDate(input.now ?? new Date(), language),
    agent_name: input.agentName,
    // Only the agent knows the answer: left for them to fill, highlighted in the draft.
    product_answer: null,
  };
}
