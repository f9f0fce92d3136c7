import { PlatformApiError } from "../../connectors/contract.ts";
import { conversationsPageSchema, messagesPageSchema, sendMessageDataSchema, type ConversationsPage, type MessagesPage } from "./api-payloads.ts";
import { createShopTransport, type ShopClientOptions } from "./shop-transport.ts";

export type { ShopClientOptions } from "./shop-transport.ts";

export const CUSTOMER_SERVICE_PATH = "/customer_service/202309";
export const CONVERSATIONS_PAGE_MAX = 20;
export const MESSAGES_PAGE_MAX = 10;
/** Longest TEXT message the Partner API accepts, in characters. */
export const TEXT_MESSAGE_MAX = 2000;

/** A page as received: `raw` is the response body text, byte for byte, for storing. */
export interface ShopPage<T> {
  raw: string;
  page: T;
}

export interface OutgoingShopMessage {
  /** TEXT, IMAGE, ORDER_CARD, PRODUCT_CARD, RETURN_REFUND_CARD, LOGISTICS_CARD, … */
  type: string;
  /** Sent as a JSON string, as the API expects: `{content: "…"}` for TEXT. */
  content: Record<string, unknown>;
}

export function textMessage(text: string): OutgoingShopMessage {
  const length = [...text].length;
  if (length === 0) throw new PlatformApiError("rejected", "A TikTok Shop text message cannot be empty.");
  if (length > TEXT_MESSAGE_MAX) {
    throw new PlatformApiError("rejected", `A TikTok Shop text message is at most ${TEXT_MESSAGE_MAX} characters (this one has ${length}).`);
  }
  return { type: "TEXT", content: { content: text } };
}

export type ShopClient = ReturnType<typeof createShopClient>;

/**
 * The customer-service part of the TikTok Shop Partner API. Every request is signed (app_key,
 * timestamp, sign) and names the shop by its cipher; the token travels in `x-tts-access-token`.
 * Failures come out as `PlatformApiError`s the scheduler knows how to wait on or report.
 */
export function createShopClient(options: ShopClientOptions) {
  const { call, readData } = createShopTransport(options);

  return {
    /** One page of the shop's conversations (at most 20). */
    async listConversations({ pageToken, pageSize = CONVERSATIONS_PAGE_MAX }: { pageToken?: string | null; pageSize?: number } = {}): Promise<
      ShopPage<ConversationsPage>
    > {
      const { text, data } = await call("GET", `${CUSTOMER_SERVICE_PATH}/conversations`, {
        page_size: String(Math.min(pageSize, CONVERSATIONS_PAGE_MAX)),
        ...(pageToken && { page_token: pageToken }),
      });
      return { raw: text, page: readData("conversations page", data, conversationsPageSchema) };
    },

    /** One page of a conversation's messages (at most 10), newest first unless asked otherwise. */
    async listMessages(
      conversationId: string,
      { pageToken, pageSize = MESSAGES_PAGE_MAX, sortOrder = "DESC" }: { pageToken?: string | null; pageSize?: number; sortOrder?: "ASC" | "DESC" } = {},
    ): Promise<ShopPage<MessagesPage>> {
      const { text, data } = await call("GET", `${CUSTOMER_SERVICE_PATH}/conversations/${encodeURIComponent(conversationId)}/messages`, {
        page_size: String(Math.min(pageSize, MESSAGES_PAGE_MAX)),
        sort_order: sortOrder,
        sort_field: "create_time",
        ...(pageToken && { page_token: pageToken }),
      });
      return { raw: text, page: readData("messages page", data, messagesPageSchema) };
    },

    async sendMessage(conversationId: string, message: OutgoingShopMessage): Promise<{ messageId: string }> {
      const { data } = await call("POST", `${CUSTOMER_SERVICE_PATH}/conversations/${encodeURIComponent(conversationId)}/messages`, {}, {
        type: message.type,
        content: JSON.stringify(message.content),
      });
      return { messageId: readData("sent message", data, sendMessageDataSchema).message_id };
    },
  };
}
