import type { OutboxKind, Platform } from "@surgedesk/shared";
import type { OutboxTarget } from "../db/schema/index.ts";
import { ApiError } from "../errors/api-error.ts";
import { MAX_REPLY_CHARS } from "../platforms/tiktok/business-client.ts";
import { publicReplyProblem } from "./pii-guard.ts";
import type { ReplyTarget } from "./reply-target.ts";

export const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 3_600_000;
/** How long after the customer's message each platform lets the brand answer in a DM. */
const DM_WINDOW_MS = { instagram: 24 * 3_600_000, tiktok: 48 * 3_600_000 };

export interface PlannedSend {
  kind: OutboxKind;
  platform: Platform;
  target: OutboxTarget;
  text: string;
}

/** What the platform offers for moving this comment to a private conversation. */
export type CommentToDmMode = "private_reply" | "public_invite" | "none";

export interface CommentToDmAvailability {
  mode: CommentToDmMode;
  /** Why the move (or its private half) cannot be made now; null when it can. */
  reason: string | null;
}

/**
 * Instagram: a Private Reply, once per comment and within 7 days of it. TikTok: no API sends a
 * DM from a comment, so the move is a public reply inviting the buyer to message the shop.
 */
export function commentToDmAvailability(t: ReplyTarget, privateReplyTaken: boolean, now: Date): CommentToDmAvailability {
  const { message, account } = t;
  if (message.kind !== "comment" || message.direction !== "inbound") {
    return { mode: "none", reason: "Comment-to-DM applies to a customer's public comment." };
  }
  if (account.channel === "instagram") {
    if (privateReplyTaken) return { mode: "private_reply", reason: "Instagram allows one Private Reply per comment, and this comment already has one." };
    if (now.getTime() - message.createdAt.getTime() > PRIVATE_REPLY_WINDOW_MS) {
      return { mode: "private_reply", reason: "Instagram allows a Private Reply only within 7 days of the comment; this one is older." };
    }
    return { mode: "private_reply", reason: null };
  }
  if (account.channel === "tiktok_business") return { mode: "public_invite", reason: null };
  return { mode: "none", reason: "This channel has no public comments." };
}

function requireTikTokVideo(t: ReplyTarget): string {
  if (!t.postExternalId) throw new ApiError("bad_request", "This TikTok comment has no video on record, so it cannot be answered.");
  return t.postExternalId;
}

/** A public reply under the comment; refused when the text would expose personal or order data. */
export function planPublicReply(t: ReplyTarget, text: string): PlannedSend {
  const { message, account } = t;
  if (message.kind !== "comment") throw new ApiError("bad_request", "A public reply answers a comment; this message is a DM.");
  const problem = publicReplyProblem(text);
  if (problem) throw new ApiError("bad_request", problem);
  if (account.channel === "instagram") {
    // Instagram takes replies on top-level comments only; a reply's reply joins the same thread.
    return { kind: "public_reply", platform: "instagram", text, target: { commentId: message.parentExternalId ?? message.externalId } };
  }
  if (account.channel === "tiktok_business") {
    const length = [...text].length;
    if (length > MAX_REPLY_CHARS) throw new ApiError("bad_request", `TikTok public replies are limited to ${MAX_REPLY_CHARS} characters; this one has ${length}.`);
    return { kind: "public_reply", platform: "tiktok", text, target: { commentId: message.externalId, videoId: requireTikTokVideo(t) } };
  }
  throw new ApiError("bad_request", "This channel has no public comments to reply to.");
}

/** A private message: Instagram's Private Reply to a comment, or a reply in a DM conversation. */
export function planPrivateReply(t: ReplyTarget, text: string, privateReplyTaken: boolean, now: Date): PlannedSend {
  const { message, account } = t;
  if (message.kind === "comment") {
    const availability = commentToDmAvailability(t, privateReplyTaken, now);
    if (availability.mode === "public_invite") {
      throw new ApiError("bad_request", "TikTok has no way to send a DM from a comment: reply publicly and invite the buyer to message the shop.");
    }
    if (availability.reason) throw new ApiError("bad_request", availability.reason);
    return { kind: "private_reply", platform: "instagram", text, target: { commentId: message.externalId } };
  }
  if (message.direction !== "inbound") throw new ApiError("bad_request", "Reply to the customer's message, not to one of the brand's own.");
  const tail = (prefix: string) => (message.threadKey.startsWith(prefix) ? message.threadKey.slice(prefix.length) : null);
  if (account.channel === "instagram") {
    if (now.getTime() - message.createdAt.getTime() > DM_WINDOW_MS.instagram) {
      throw new ApiError("bad_request", "Instagram allows a DM only within 24 hours of the customer's last message; this one is older.");
    }
    return { kind: "dm", platform: "instagram", text, target: { recipientId: message.authorExternalId } };
  }
  if (account.channel === "tiktok_business") {
    const conversationId = tail(`tiktok:dm:${account.externalAccountId}:`);
    if (!conversationId) throw new ApiError("bad_request", "This TikTok message is not in a conversation the shop can answer.");
    if (now.getTime() - message.createdAt.getTime() > DM_WINDOW_MS.tiktok) {
      throw new ApiError("bad_request", "TikTok allows a reply only within 48 hours of the customer's last message; this one is older.");
    }
    return { kind: "dm", platform: "tiktok", text, target: { conversationId } };
  }
  const conversationId = tail("tiktok_shop:conversation:");
  if (!conversationId) throw new ApiError("bad_request", "This TikTok Shop message has no conversation to answer in.");
  return { kind: "dm", platform: "tiktok", text, target: { conversationId } };
}
