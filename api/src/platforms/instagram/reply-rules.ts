import type { ReplyRules } from "../../connectors/contract.ts";

/** Instagram lets a brand send one Private Reply per comment, within 7 days of it. */
const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 3_600_000;
/** And answer a DM within 24 hours of the customer's last message. */
const DM_WINDOW_MS = 24 * 3_600_000;

export const instagramReplyRules: ReplyRules = {
  commentToDm({ message }, privateReplyTaken, now) {
    if (privateReplyTaken) return { mode: "private_reply", reason: "Instagram allows one Private Reply per comment, and this comment already has one." };
    if (now.getTime() - message.createdAt.getTime() > PRIVATE_REPLY_WINDOW_MS) {
      return { mode: "private_reply", reason: "Instagram allows a Private Reply only within 7 days of the comment; this one is older." };
    }
    return { mode: "private_reply", reason: null };
  },
  publicReply({ message }, text) {
    // Instagram takes replies on top-level comments only; a reply's reply joins the same thread.
    return { kind: "public_reply", platform: "instagram", text, target: { commentId: message.parentExternalId ?? message.externalId } };
  },
  privateReplyToComment({ message }, text) {
    return { kind: "private_reply", platform: "instagram", text, target: { commentId: message.externalId } };
  },
  directMessage({ message }, text, now) {
    if (now.getTime() - message.createdAt.getTime() > DM_WINDOW_MS) {
      return { refused: "Instagram allows a DM only within 24 hours of the customer's last message; this one is older." };
    }
    return { kind: "dm", platform: "instagram", text, target: { recipientId: message.authorExternalId } };
  },
};
