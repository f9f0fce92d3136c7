import type { MessageDirection } from "@surgedesk/shared";
import type { NormalizedMessage, NormalizeResult } from "../../connectors/contract.ts";
import { shopMessageSchema, type ShopMessage } from "./api-payloads.ts";
import { renderMessageContent } from "./message-content.ts";
import { parseMessagePageEvent, type MessagePageEvent } from "./message-page-event.ts";
import { conversationThreadKey, shopMessageExternalId } from "./shop-ids.ts";
import { shopWebhookPayloadSchema, type ShopWebhookPayload } from "./webhook-payload.ts";

/**
 * The roles kept, and which way they face. BUYER is the customer; SHOP and CUSTOMER_SERVICE
 * are the brand's people, kept so a thread shows what was already answered. SYSTEM (platform
 * notices, rating requests) and ROBOT (the shop's automatic replies) are skipped: nobody wrote
 * them, nobody needs to answer them, and counting them as replies would hide unanswered buyers.
 */
const DIRECTION_OF_ROLE: Readonly<Record<string, MessageDirection>> = {
  BUYER: "inbound",
  SHOP: "outbound",
  CUSTOMER_SERVICE: "outbound",
};

/**
 * Conversation events rather than messages: an agent joined, the chat was transferred, the
 * buyer opened the chat from a product or an order page. They are markers, not something a
 * person wrote, so they would only add rows to the queue.
 */
const EVENT_TYPES: ReadonlySet<string> = new Set([
  "ALLOCATED_SERVICE",
  "NOTIFICATION",
  "BUYER_ENTER_FROM_TRANSFER",
  "BUYER_ENTER_FROM_PRODUCT",
  "BUYER_ENTER_FROM_ORDER",
]);

interface Contact {
  id: string;
  handle: string | null;
}

/**
 * The buyer the conversation is with: the participant named in the event (its `user_id`, the
 * id orders use), or, for a page read before its conversation was listed, the IM id of a
 * buyer who wrote on the page.
 */
function contactOf(event: MessagePageEvent, messages: ShopMessage[]): Contact | null {
  const buyer = event.buyer;
  const id = buyer?.user_id ?? buyer?.im_user_id;
  if (id) return { id, handle: buyer?.nickname ?? null };
  const written = messages.find((m) => m.sender.role === "BUYER" && m.sender.im_user_id);
  return written?.sender.im_user_id ? { id: written.sender.im_user_id, handle: written.sender.nickname ?? null } : null;
}

function normalizeShopMessage(event: MessagePageEvent, message: ShopMessage, contact: Contact | null): NormalizedMessage | string {
  const label = `message ${message.id}`;
  if (!message.is_visible) return `${label}: not visible to the shop (is_visible false)`;
  const direction = DIRECTION_OF_ROLE[message.sender.role];
  if (!direction) return `${label}: sender role ${message.sender.role} is not gathered`;
  if (EVENT_TYPES.has(message.type)) return `${label}: ${message.type} is a conversation event, not a message`;
  if (!contact) return `${label}: the conversation's buyer is unknown`;
  const inbound = direction === "inbound";
  return {
    platform: "tiktok",
    channel: "tiktok_shop",
    kind: "dm",
    direction,
    externalId: shopMessageExternalId(message.id),
    parentExternalId: null,
    threadKey: conversationThreadKey(event.conversation_id),
    authorExternalId: inbound ? contact.id : (message.sender.im_user_id ?? `shop:${event.shop_id}`),
    authorHandle: message.sender.nickname ?? (inbound ? contact.handle : null),
    contactExternalId: contact.id,
    contactHandle: contact.handle ?? (inbound ? (message.sender.nickname ?? null) : null),
    text: renderMessageContent(message.type, message.content),
    likes: 0,
    visibility: "visible",
    createdAt: message.create_time,
    accountExternalId: event.shop_id,
    post: null,
  };
}

/** Turns one stored page of a conversation's messages into normal-form DMs. */
export function normalizeMessagePage(event: MessagePageEvent): NormalizeResult {
  const result: NormalizeResult = { messages: [], skipped: [] };
  const readable: ShopMessage[] = [];
  event.response.data.messages.forEach((item, i) => {
    const parsed = shopMessageSchema.safeParse(item);
    if (parsed.success) readable.push(parsed.data);
    else result.skipped.push(`item ${i}: unreadable (${parsed.error.issues[0]?.message ?? "invalid"})`);
  });
  const contact = contactOf(event, readable);
  for (const message of readable) {
    const outcome = normalizeShopMessage(event, message, contact);
    if (typeof outcome === "string") result.skipped.push(outcome);
    else result.messages.push(outcome);
  }
  return result;
}

/**
 * A webhook delivery yields no messages by itself: it names the conversation, and the route
 * that received it scheduled that conversation's poll. The poll reads the messages with the
 * conversation's buyer known, so a message has one contact however it was first heard of.
 */
export function normalizeShopWebhook(payload: ShopWebhookPayload): NormalizeResult {
  const { event } = payload;
  switch (event.kind) {
    case "new_message":
      return {
        messages: [],
        skipped: [`new message ${event.messageId ?? "(no id)"} in conversation ${event.conversationId}: gathered by polling the conversation`],
      };
    case "new_conversation":
      return { messages: [], skipped: [`new conversation ${event.conversationId}: gathered by polling the shop's conversations`] };
    case "other":
      return { messages: [], skipped: [`webhook type ${event.type} is not gathered`] };
    // Stored under this format before orders were read (they are `tiktok_shop.order_webhook` now).
    case "order_status_change":
    case "return_status_change":
    case "cancellation_status_change":
      return { messages: [], skipped: [`order ${event.orderId}: an order event stored before orders were read`] };
  }
}

/** Format `tiktok_shop.message_page`: a page the messages poller stored. */
export function normalizeMessagePageBody(body: string): NormalizeResult {
  return normalizeMessagePage(parseMessagePageEvent(body));
}

/** Format `tiktok_shop.webhook`: a delivery the webhook route verified and stored. */
export function normalizeShopWebhookBody(body: string): NormalizeResult {
  return normalizeShopWebhook(shopWebhookPayloadSchema.parse(JSON.parse(body)));
}
