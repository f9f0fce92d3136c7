import type { NormalizeResult } from "../../../connectors/contract.ts";
import { isOrderEvent, shopWebhookPayloadSchema } from "../webhook-payload.ts";

/** The event format of a stored ORDER_STATUS_CHANGE, RETURN_STATUS_CHANGE or CANCELLATION_STATUS_CHANGE delivery. */
export const ORDER_WEBHOOK_FORMAT = "tiktok_shop.order_webhook";

const WHAT: Record<string, string> = {
  order_status_change: "order status",
  return_status_change: "return",
  cancellation_status_change: "cancellation",
};

/**
 * Format `tiktok_shop.order_webhook`: a verified order, return or cancellation event. It yields no
 * message — an order is not something a buyer wrote — only the order that changed, so consoles
 * showing it read it again from the shop (the delivery names the change, the API has the order).
 */
export function normalizeOrderWebhookBody(body: string): NormalizeResult {
  const { shopId, event } = shopWebhookPayloadSchema.parse(JSON.parse(body));
  if (!isOrderEvent(event)) return { messages: [], skipped: [`webhook ${event.kind} is not an order event`] };
  return {
    messages: [],
    skipped: [`${WHAT[event.kind]} ${event.status} on order ${event.orderId}: an order change, not a message`],
    orders: [{ system: "tiktok_shop", orderId: event.orderId, channel: "tiktok_shop", accountExternalId: shopId }],
  };
}
