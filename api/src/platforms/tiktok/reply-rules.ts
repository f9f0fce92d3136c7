import type { ReplyRules } from "../../connectors/contract.ts";
import { MAX_REPLY_CHARS } from "./business-client.ts";

/** TikTok Business Messaging lets a brand answer within 48 hours of the customer's last message. */
const DM_WINDOW_MS = 48 * 3_600_000;

/** No TikTok API sends a DM from a comment: the move is a public reply inviting the buyer to message the shop. */
export const tiktokReplyRules: ReplyRules = {
  commentToDm: () => ({ mode: "public_invite", reason: null }),
  publicReply({ message, postExternalId }, text) {
    const length = [...text].length;
    if (length > MAX_REPLY_CHARS) return { refused: `TikTok public replies are limited to ${MAX_REPLY_CHARS} characters; this one has ${length}.` };
    if (!postExternalId) return { refused: "This TikTok comment has no video on record, so it cannot be answered." };
    return { kind: "public_reply", platform: "tiktok", text, target: { commentId: message.externalId, videoId: postExternalId } };
  },
  directMessage({ message, account }, text, now) {
    const prefix = `tiktok:dm:${account.externalAccountId}:`;
    if (!message.threadKey.startsWith(prefix)) return { refused: "This TikTok message is not in a conversation the shop can answer." };
    if (now.getTime() - message.createdAt.getTime() > DM_WINDOW_MS) {
      return { refused: "TikTok allows a reply only within 48 hours of the customer's last message; this one is older." };
    }
    return { kind: "dm", platform: "tiktok", text, target: { conversationId: message.threadKey.slice(prefix.length) } };
  },
};
