import type { ReplyRules } from "../../connectors/contract.ts";

const CONVERSATION_PREFIX = "tiktok_shop:conversation:";

/** TikTok Shop is customer-service chat only: there are no public comments to answer or move. */
export const tiktokShopReplyRules: ReplyRules = {
  commentToDm: () => ({ mode: "none", reason: "This channel has no public comments." }),
  publicReply: () => ({ refused: "This channel has no public comments to reply to." }),
  directMessage({ message }, text) {
    if (!message.threadKey.startsWith(CONVERSATION_PREFIX)) return { refused: "This TikTok Shop message has no conversation to answer in." };
    return { kind: "dm", platform: "tiktok", text, target: { conversationId: message.threadKey.slice(CONVERSATION_PREFIX.length) } };
  },
};
