import type { OutboxKind, Platform } from "@surgedesk/shared";
import type { ConnectedAccount } from "../db/types.ts";
import type { messages, OutboxTarget } from "../db/schema/index.ts";

export type ReplyMessage = typeof messages.$inferSelect;

/** The message an agent answers, with its account and the post a comment is under. */
export interface ReplyTarget {
  message: ReplyMessage;
  account: ConnectedAccount;
  /** The platform's id of the post (Instagram media, TikTok video) a comment is under. */
  postExternalId: string | null;
}

/** One send, ready to become an outbox row. */
export interface PlannedSend {
  kind: OutboxKind;
  platform: Platform;
  target: OutboxTarget;
  text: string;
}

/** A platform's "no": why this send cannot be made now, in words an agent can act on. */
export interface ReplyRefusal {
  refused: string;
}

export type ReplyPlan = PlannedSend | ReplyRefusal;

export function isRefusal(plan: ReplyPlan): plan is ReplyRefusal {
  return "refused" in plan;
}

/** What the platform offers for moving a public comment to a private conversation. */
export type CommentToDmMode = "private_reply" | "public_invite" | "none";

export interface CommentToDmAvailability {
  mode: CommentToDmMode;
  /** Why the move (or its private half) cannot be made now; null when it can. */
  reason: string | null;
}

/**
 * What a platform allows an agent to send now, for one message. The replies feature checks
 * what is the same everywhere first (a public reply answers a customer's comment, personal data
 * never goes out publicly); these rules hold the platform's own limits: windows, lengths, the ids
 * a send needs. A comment given to `publicReply` or `commentToDm` is an inbound comment; a
 * message given to `privateReply` is an inbound DM (comment-to-DM goes through `commentToDm`).
 */
export interface ReplyRules {
  commentToDm(target: ReplyTarget, privateReplyTaken: boolean, now: Date): CommentToDmAvailability;
  publicReply(target: ReplyTarget, text: string): ReplyPlan;
  /** The private half of comment-to-DM, when `commentToDm` says `private_reply` with no reason. */
  privateReplyToComment?(target: ReplyTarget, text: string): PlannedSend;
  directMessage(target: ReplyTarget, text: string, now: Date): ReplyPlan;
}
