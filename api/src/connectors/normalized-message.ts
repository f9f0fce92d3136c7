import type { AccountChannel, MessageDirection, MessageKind, MessageVisibility, OrderSystem, Platform } from "@surgedesk/shared";

/**
 * What every platform's normalizer produces: one comment or DM, with the account and post it
 * hangs under identified by platform ids. Platform quirks end here.
 */
export interface NormalizedMessage {
  platform: Platform;
  /** The platform product it came through; with `accountExternalId` it names the account. */
  channel: AccountChannel;
  kind: MessageKind;
  direction: MessageDirection;
  externalId: string;
  parentExternalId: string | null;
  threadKey: string;
  authorExternalId: string;
  authorHandle: string | null;
  /**
   * The buyer's id for linking comments and DMs into one contact: the id the platform uses to
   * message them. For the brand's own messages, the customer they were sent to.
   */
  contactExternalId: string;
  contactHandle: string | null;
  text: string;
  likes: number;
  visibility: MessageVisibility;
  createdAt: Date;
  accountExternalId: string;
  post: { externalId: string; productType: string | null } | null;
}

/**
 * What the platform reports about a message that may already be stored: its visibility now
 * (hidden, friends only, deleted, public again) or its edited text. Applied to the stored message
 * only if `observedAt` is newer than the last report applied, so webhooks and polls can arrive in
 * any order; a deleted message stays deleted. A message not stored yet is left to `messages`.
 */
export interface MessageStateChange {
  platform: Platform;
  externalId: string;
  /** When the platform says it was so: the webhook's event time, or when a poll read it. */
  observedAt: Date;
  visibility?: MessageVisibility;
  /** The new text after an edit: the message is classified again. */
  text?: string;
}

/** A polled resource the platform just pushed news of: its polling may rest longer while pushes keep coming. */
export interface PushedResource {
  channel: AccountChannel;
  accountExternalId: string;
  resource: string;
  resourceId: string;
  at: Date;
}

/**
 * An order the platform says changed (its status, or a return, refund or cancellation request on
 * it). Nothing is stored from it: open consoles are told (`order.changed`) and read the order
 * again from its system. The account names the workspace whose consoles hear of it.
 */
export interface OrderChange {
  system: OrderSystem;
  orderId: string;
  channel: AccountChannel;
  accountExternalId: string;
}

export interface NormalizeResult {
  messages: NormalizedMessage[];
  /** Items in the delivery that are not messages (read receipts, other fields), and why. */
  skipped: string[];
  /** Changes to messages that may be stored already (visibility, edits, deletions). */
  changes?: MessageStateChange[];
  pushed?: PushedResource[];
  /** Orders that changed on the platform (shop webhooks); they never become messages. */
  orders?: OrderChange[];
}
