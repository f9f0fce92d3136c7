import type { AccountChannel, MessageDirection, MessageKind, MessageVisibility, Platform } from "@surgedesk/shared";

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

export interface NormalizeResult {
  messages: NormalizedMessage[];
  /** Items in the delivery that are not messages (read receipts, other fields), and why. */
  skipped: string[];
}
