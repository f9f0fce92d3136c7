import { z } from "zod";
import { tiktokEpoch, tiktokId } from "../../lib/tiktok-ids.ts";

/** Every Partner API answer: `{code, message, request_id, data}`; `code` 0 is success. */
export const shopEnvelopeSchema = z.object({
  code: z.number().int(),
  message: z.string().max(10_000).nullish(),
  request_id: z.string().max(500).nullish(),
  data: z.unknown().optional(),
});
export type ShopEnvelope = z.infer<typeof shopEnvelopeSchema>;

export const SENDER_ROLES = ["BUYER", "SHOP", "CUSTOMER_SERVICE", "SYSTEM", "ROBOT"] as const;

/**
 * A participant, or a message's sender. Messages carry only the IM id; the conversation's
 * participants also carry `user_id`, the id orders use (and Surgedesk's contact id).
 */
export const shopParticipantSchema = z.object({
  im_user_id: tiktokId.nullish(),
  user_id: tiktokId.nullish(),
  nickname: z.string().max(1000).nullish(),
  avatar: z.string().max(5000).nullish(),
  /** One of SENDER_ROLES; kept open so a new role is skipped by name, not refused. */
  role: z.string().max(100),
  buyer_platform: z.string().max(100).nullish(),
});
export type ShopParticipant = z.infer<typeof shopParticipantSchema>;

export const shopMessageSchema = z.object({
  id: tiktokId,
  /** TEXT, IMAGE, ORDER_CARD, …; kept open for types added later. */
  type: z.string().min(1).max(100),
  /** A JSON-serialized string whose shape depends on `type`. */
  content: z.string().max(200_000).default(""),
  create_time: tiktokEpoch,
  /** Absent means shown: only messages the platform marks hidden (rating requests) are dropped. */
  is_visible: z.boolean().default(true),
  index: z.union([z.string().max(100), z.number()]).nullish(),
  sender: shopParticipantSchema,
});
export type ShopMessage = z.infer<typeof shopMessageSchema>;

export const shopConversationSchema = z.object({
  id: tiktokId,
  create_time: tiktokEpoch,
  can_send_message: z.boolean().nullish(),
  unread_count: z.number().int().nullish(),
  participant_count: z.number().int().nullish(),
  participants: z.array(shopParticipantSchema).max(100).default([]),
  /** Parsed loosely: a malformed latest message must not hide the conversation itself. */
  latest_message: shopMessageSchema.nullish().catch(null),
});
export type ShopConversation = z.infer<typeof shopConversationSchema>;

export const conversationsPageSchema = z.object({
  conversations: z.array(shopConversationSchema).max(1000).default([]),
  next_page_token: z.string().max(10_000).nullish(),
});
export type ConversationsPage = z.infer<typeof conversationsPageSchema>;

/**
 * A page of messages. Items stay unknown here: each is validated on its own when normalized,
 * so one unreadable message is skipped with a reason instead of failing its whole page.
 */
export const messagesPageSchema = z.object({
  messages: z.array(z.unknown()).max(1000).default([]),
  next_page_token: z.string().max(10_000).nullish(),
  unsupported_msg_tips: z.string().max(10_000).nullish(),
});
export type MessagesPage = z.infer<typeof messagesPageSchema>;

export const sendMessageDataSchema = z.object({ message_id: tiktokId });

/** The buyer of a conversation, as the participants list names them. */
export interface ConversationBuyer {
  userId: string | null;
  imUserId: string | null;
  nickname: string | null;
}

export function conversationBuyer(conversation: Pick<ShopConversation, "participants">): ConversationBuyer | null {
  const buyer = conversation.participants.find((p) => p.role === "BUYER");
  if (!buyer || (!buyer.user_id && !buyer.im_user_id)) return null;
  return { userId: buyer.user_id ?? null, imUserId: buyer.im_user_id ?? null, nickname: buyer.nickname ?? null };
}
