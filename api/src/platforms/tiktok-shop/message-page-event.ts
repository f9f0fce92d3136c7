import { z } from "zod";
import { messagesPageSchema, type ConversationBuyer } from "./api-payloads.ts";
import { tiktokId } from "../../lib/tiktok-ids.ts";

/**
 * What the messages poller stores as a `tiktok_shop.message_page` event: the API's response
 * byte for byte under `response`, with what the response itself does not say: which shop and
 * conversation it was read for, and the conversation's buyer (messages name their sender only
 * by IM id; the buyer's `user_id`, the contact id, comes from the conversation's participants).
 */
export const messagePageEventSchema = z.object({
  shop_id: tiktokId,
  conversation_id: tiktokId,
  buyer: z
    .object({
      user_id: tiktokId.nullish(),
      im_user_id: tiktokId.nullish(),
      nickname: z.string().max(1000).nullish(),
    })
    .nullish(),
  response: z.object({
    code: z.literal(0),
    message: z.string().nullish(),
    request_id: z.string().nullish(),
    data: messagesPageSchema,
  }),
});
export type MessagePageEvent = z.infer<typeof messagePageEventSchema>;

export interface MessagePageRequest {
  shopId: string;
  conversationId: string;
  buyer: ConversationBuyer | null;
}

/**
 * The stored body of one polled page. `rawResponse` is spliced in unchanged (it was parsed as
 * JSON already, so the result is JSON), keeping exactly what the platform sent.
 */
export function messagePageEventBody(request: MessagePageRequest, rawResponse: string): string {
  const buyer = request.buyer && {
    user_id: request.buyer.userId,
    im_user_id: request.buyer.imUserId,
    nickname: request.buyer.nickname,
  };
  const head = JSON.stringify({ shop_id: request.shopId, conversation_id: request.conversationId, buyer: buyer ?? null });
  return `${head.slice(0, -1)},"response":${rawResponse.trim()}}`;
}

export function parseMessagePageEvent(body: string): MessagePageEvent {
  return messagePageEventSchema.parse(JSON.parse(body));
}
