import { z } from "zod";
import { tiktokEpoch, tiktokId } from "../../lib/tiktok-ids.ts";

/** Customer-service webhook types (202309): 13 a new conversation, 14 a new message. */
export const SHOP_WEBHOOK_TYPE = { newConversation: 13, newMessage: 14 } as const;

const newMessageDataSchema = z.object({
  conversation_id: tiktokId,
  message_id: tiktokId.nullish(),
  type: z.string().max(100).nullish(),
});
const newConversationDataSchema = z.object({ conversation_id: tiktokId });

export type ShopWebhookEvent =
  | { kind: "new_message"; conversationId: string; messageId: string | null }
  | { kind: "new_conversation"; conversationId: string }
  /** Other subscriptions (orders, returns, …): stored, then skipped by ingestion. */
  | { kind: "other"; type: string };

/** The type as a number or by name; both spellings are seen in the wild. */
function kindOf(type: number | string): "new_message" | "new_conversation" | "other" {
  const name = String(type).trim().toUpperCase();
  if (name === String(SHOP_WEBHOOK_TYPE.newMessage) || name === "NEW_MESSAGE") return "new_message";
  if (name === String(SHOP_WEBHOOK_TYPE.newConversation) || name === "NEW_CONVERSATION") return "new_conversation";
  return "other";
}

/**
 * The envelope `{type, shop_id, timestamp, data}` (plus `tts_notification_id`). The data of
 * the two customer-service types is validated strictly, since Surgedesk acts on it; the data of
 * any other type passes as long as it is an object.
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
      const parsed = (kind === "new_message" ? newMessageDataSchema : newConversationDataSchema).safeParse(payload.data);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: ["data", ...issue.path] });
        return z.NEVER;
      }
      const data: { conversation_id: string; message_id?: string | null } = parsed.data;
      event =
        kind === "new_message"
          ? { kind, conversationId: data.conversation_id, messageId: data.message_id ?? null }
          : { kind, conversationId: data.conversation_id };
    }
    return { shopId: payload.shop_id, notificationId: payload.tts_notification_id ?? null, sentAt: payload.timestamp, event };
  });
export type ShopWebhookPayload = z.infer<typeof shopWebhookPayloadSchema>;
