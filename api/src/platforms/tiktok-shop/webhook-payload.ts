import { z } from "zod";
import { tiktokEpoch, tiktokId } from "../../lib/tiktok-ids.ts";

/**
 * Webhook types (202309) Surgedesk reads, by TikTok Shop's numbers: customer service (13 a new
 * conversation, 14 a new message) and orders (1 ORDER_STATUS_CHANGE, 11
 * CANCELLATION_STATUS_CHANGE, 12 RETURN_STATUS_CHANGE).
 */
export const SHOP_WEBHOOK_TYPE = {
  orderStatusChange: 1,
  cancellationStatusChange: 11,
  returnStatusChange: 12,
  newConversation: 13,
  newMessage: 14,
} as const;

const status = z.string().min(1).max(100);
/** When the change happened; absent in some deliveries, and then the envelope's time stands in. */
const changedAt = tiktokEpoch.nullish();
const orderStatusDataSchema = z.object({
  order_id: tiktokId,
  order_status: status,
  is_on_hold_order: z.boolean().nullish(),
  update_time: changedAt,
});
const returnStatusDataSchema = z.object({
  order_id: tiktokId,
  return_id: tiktokId,
  return_status: status,
  return_type: status.nullish(),
  return_role: status.nullish(),
  update_time: changedAt,
});
const cancellationStatusDataSchema = z.object({
  order_id: tiktokId,
  cancel_id: tiktokId,
  cancel_status: status,
  cancellations_role: status.nullish(),
  update_time: changedAt,
});

const newMessageDataSchema = z.object({
  conversation_id: tiktokId,
  message_id: tiktokId.nullish(),
  type: z.string().max(100).nullish(),
});
const newConversationDataSchema = z.object({ conversation_id: tiktokId });

/** A change to an order or to one of its after-sale requests: the order is read again, not the delivery. */
export type ShopOrderEvent =
  | { kind: "order_status_change"; orderId: string; status: string; at: Date | null }
  | { kind: "return_status_change"; orderId: string; returnId: string; status: string; at: Date | null }
  | { kind: "cancellation_status_change"; orderId: string; cancelId: string; status: string; at: Date | null };

export type ShopWebhookEvent =
  | { kind: "new_message"; conversationId: string; messageId: string | null }
  | { kind: "new_conversation"; conversationId: string }
  | ShopOrderEvent
  /** Other subscriptions (products, authorisation, …): stored, then skipped by ingestion. */
  | { kind: "other"; type: string };

type Kind = ShopWebhookEvent["kind"];
const KIND_OF_TYPE: ReadonlyMap<string, Kind> = new Map([
  [String(SHOP_WEBHOOK_TYPE.newMessage), "new_message"],
  ["NEW_MESSAGE", "new_message"],
  [String(SHOP_WEBHOOK_TYPE.newConversation), "new_conversation"],
  ["NEW_CONVERSATION", "new_conversation"],
  [String(SHOP_WEBHOOK_TYPE.orderStatusChange), "order_status_change"],
  ["ORDER_STATUS_CHANGE", "order_status_change"],
  [String(SHOP_WEBHOOK_TYPE.returnStatusChange), "return_status_change"],
  ["RETURN_STATUS_CHANGE", "return_status_change"],
  [String(SHOP_WEBHOOK_TYPE.cancellationStatusChange), "cancellation_status_change"],
  ["CANCELLATION_STATUS_CHANGE", "cancellation_status_change"],
]);

/** The type as a number or by name; both spellings are seen in the wild. */
function kindOf(type: number | string): Kind {
  return KIND_OF_TYPE.get(String(type).trim().toUpperCase()) ?? "other";
}

export function isOrderEvent(event: ShopWebhookEvent): event is ShopOrderEvent {
  return event.kind === "order_status_change" || event.kind === "return_status_change" || event.kind === "cancellation_status_change";
}

const DATA_SCHEMAS = {
  new_message: newMessageDataSchema,
  new_conversation: newConversationDataSchema,
  order_status_change: orderStatusDataSchema,
  return_status_change: returnStatusDataSchema,
  cancellation_status_change: cancellationStatusDataSchema,
} as const;

/** The event the validated data describes. */
function eventOf(kind: Exclude<Kind, "other">, data: Record<string, unknown>): ShopWebhookEvent {
  const at = (data.update_time as Date | null | undefined) ?? null;
  switch (kind) {
    case "new_message":
      return { kind, conversationId: String(data.conversation_id), messageId: (data.message_id as string | null | undefined) ?? null };
    case "new_conversation":
      return { kind, conversationId: String(data.conversation_id) };
    case "order_status_change":
      return { kind, orderId: String(data.order_id), status: String(data.order_status), at };
    case "return_status_change":
      return { kind, orderId: String(data.order_id), returnId: String(data.return_id), status: String(data.return_status), at };
    case "cancellation_status_change":
      return { kind, orderId: String(data.order_id), cancelId: String(data.cancel_id), status: String(data.cancel_status), at };
  }
}

/**
 * The envelope `{type, shop_id, timestamp, data}` (plus `tts_notification_id`). The data of
 * the customer-service and order types is validated strictly, since Surgedesk acts on it; the
 * data of any other type passes as long as it is an object.
 */
export const shopWebhookPayloadSchema = z
  .object({
    type: z.union([z.number().int(), z.string().min(1).max(100)]),
    tts_notification_id: z.string().max(200).nullish(),
    shop_id: tiktokId,
    timestamp: tiktokEpoch,
    data: z.record(z.string(), z.unknown()),
  })
  .transform((payload, ctx) => {
    const kind = kindOf(payload.type);
    let event: ShopWebhookEvent = { kind: "other", type: String(payload.type) };
    if (kind !== "other") {
      const parsed = DATA_SCHEMAS[kind].safeParse(payload.data);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: ["data", ...issue.path] });
        return z.NEVER;
      }
      event = eventOf(kind, parsed.data as Record<string, unknown>);
    }
    return { shopId: payload.shop_id, notificationId: payload.tts_notification_id ?? null, sentAt: payload.timestamp, event };
  });
export type ShopWebhookPayload = z.infer<typeof shopWebhookPayloadSchema>;
