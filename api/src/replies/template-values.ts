import type { MacroLanguage, OrderContext, TemplateValues } from "@surgedesk/shared";
import type { ReplyMessage } from "./reply-target.ts";

const STATUS_WORDS: Record<MacroLanguage, Record<string, string>> = {
  en: {
    FULFILLED: "shipped",
    PARTIALLY_FULFILLED: "partly shipped",
    UNFULFILLED: "being prepared",
    OPEN: "being prepared",
    PENDING_FULFILLMENT: "being prepared",
    IN_PROGRESS: "being packed",
    SCHEDULED: "scheduled to ship",
    ON_HOLD: "on hold",
    RESTOCKED: "cancelled",
    DELIVERED: "delivered",
  },
  es: {
    FULFILLED: "enviado",
    PARTIALLY_FULFILLED: "enviado en parte",
    UNFULFILLED: "en preparación",
    OPEN: "en preparación",
    PENDING_FULFILLMENT: "en preparación",
    IN_PROGRESS: "en preparación",
    SCHEDULED: "programado para envío",
    ON_HOLD: "en espera",
    RESTOCKED: "cancelado",
    DELIVERED: "entregado",
  },
};

/** Shopify's status words as a customer reads them; an unknown one is shown lower-cased. */
export function orderStatusPhrase(status: string | null, language: MacroLanguage): string | null {
  if (!status) return null;
  return STATUS_WORDS[language][status] ?? status.toLowerCase().replaceAll("_", " ");
}

function formatDate(iso: string | Date, language: MacroLanguage): string {
  return new Intl.DateTimeFormat(language === "es" ? "es-ES" : "en-US", { month: "long", day: "numeric", timeZone: "UTC" }).format(new Date(iso));
}

/**
 * Every variable a macro may use, from the message (its entities and author), the order the
 * shop found, and the agent. A value nobody knows is null: the agent sees it and fills it.
 */
export function templateValues(input: {
  message: Pick<ReplyMessage, "authorHandle" | "classification">;
  order: OrderContext;
  agentName: string | null;
  language: MacroLanguage;
  now?: Date;
}): TemplateValues {
  const { message, order, language } = input;
  const entities = message.classification?.entities;
  const found = order.order;
  const handle = message.authorHandle?.replace(/^@/, "") ?? null;
  return {
    customer_name: found?.customerName ?? handle,
    customer_handle: handle,
    order_id: found?.name ?? entities?.orderNumbers[0] ?? null,
    platform_order_id: entities?.tiktokOrderIds[0] ?? null,
    order_status: orderStatusPhrase(found?.fulfillmentStatus ?? null, language),
    tracking_url: found?.trackingUrl ?? null,
    eta: found?.estimatedDeliveryAt ? formatDate(found.estimatedDeliveryAt, language) : null,
    date: formatDate(input.now ?? new Date(), language),
    agent_name: input.agentName,
    // Only the agent knows the answer: left for them to fill, highlighted in the draft.
    product_answer: null,
  };
}
