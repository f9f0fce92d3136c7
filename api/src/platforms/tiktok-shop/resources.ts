/** The shop's conversation list: the root resource of every TikTok Shop account. */
export const TIKTOK_SHOP_CONVERSATIONS = "tiktok_shop.conversations";
/** One conversation's messages; its resource id is the conversation id. */
export const TIKTOK_SHOP_CONVERSATION_MESSAGES = "tiktok_shop.conversation_messages";
