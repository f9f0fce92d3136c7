import { PlatformApiError } from "../../connectors/contract.ts";
import {
  conversationsPageSchema,
  messagesPageSchema,
  sendMessageDataSchema,
  shopEnvelopeSchema,
  type ConversationsPage,
  type MessagesPage,
  type ShopEnvelope,
} from "./api-payloads.ts";
import { signShopRequest } from "./request-signing.ts";
import { shopErrorFromResponse } from "./shop-api-error.ts";

export const CUSTOMER_SERVICE_PATH = "/customer_service/202309";
export const CONVERSATIONS_PAGE_MAX = 20;
export const MESSAGES_PAGE_MAX = 10;
/** Longest TEXT message the Partner API accepts, in characters. */
export const TEXT_MESSAGE_MAX = 2000;

export interface ShopClientOptions {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
  /** Names the shop in every request; required for cross-border shops. */
  shopCipher?: string | null | undefined;
  fetch?: typeof fetch;
  /** Signing time; the platform refuses requests whose timestamp is far from its clock. */
  clock?: () => Date;
  timeoutMs?: number;
}

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
  const fetchImpl = options.fetch ?? fetch;
  const clock = options.clock ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 20_000;

  async function call(method: "GET" | "POST", path: string, params: Record<string, string>, body?: unknown) {
    const bodyText = body === undefined ? undefined : JSON.stringify(body);
    const query: Record<string, string> = {
      ...params,
      app_key: options.appKey,
      timestamp: String(Math.floor(clock().getTime() / 1000)),
      ...(options.shopCipher && { shop_cipher: options.shopCipher }),
    };
    query.sign = signShopRequest({ path, query, body: bodyText }, options.appSecret);
    const url = new URL(`${options.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);

    let status: number;
    let headers: Headers;
    let text: string;
    try {
      const response = await fetchImpl(url, {
        method,
        headers: { "x-tts-access-token": options.accessToken, "content-type": "application/json" },
        ...(bodyText !== undefined && { body: bodyText }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      headers = response.headers;
      text = await response.text();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PlatformApiError("transient", `TikTok Shop API unreachable: ${reason}`);
    }
    let envelope: ShopEnvelope | undefined;
    try {
      const parsed = shopEnvelopeSchema.safeParse(JSON.parse(text));
      envelope = parsed.success ? parsed.data : undefined;
    } catch {
      envelope = undefined;
    }
    if (status < 200 || status >= 300 || envelope?.code !== 0) throw shopErrorFromResponse(status, headers, envelope);
    return { text, data: envelope.data };
  }

  function readData<T>(what: string, data: unknown, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): T {
    const parsed = schema.safeParse(data ?? {});
    // A success envelope whose data we cannot read is the platform's hiccup or a shape change:
    // retry with backoff, and the error names what was being read.
    if (!parsed.success) throw new PlatformApiError("transient", `TikTok Shop API: unreadable ${what} in a success response`);
    return parsed.data;
  }

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
