/** The shop's conversation list: the root resource of every TikTok Shop account. */
export const TIKTOK_SHOP_CONVERSATIONS = "tiktok_shop.conversations";
/** One conversation's messages; its resource id is the conversation id. */
export const TIKTOK_SHOP_CONVERSATION_MESSAGES = "tiktok_shop.conversation_messages";

/**
 * What a webhook makes due to get its conversation gathered: the conversation's own cursor when
 * it is known, else the conversation list, whose next page discovers it (with its buyer) and
 * reads it at once.
 */
export function conversationPollCandidates(conversationId: string | null) {
  const list = { resource: TIKTOK_SHOP_CONVERSATIONS, resourceId: "" };
  return conversationId ? [{ resource: TIKTOK_SHOP_CONVERSATION_MESSAGES, resourceId: conversationId }, list] : [list];
}
