import type { MessageDirection, MessageKind } from "@surgedesk/shared";

/** Between the parts of a key: a control character no platform id or thread key contains. */
const SEPARATOR = "\u001f";

/**
 * The item (unit of triage) a message belongs to: a DM conversation of one connected account, or
 * one buyer's comments within one comment thread — the way a support team thinks of "one
 * customer, one conversation". Null for the brand's own comment reply, which joins the item of
 * the comment it answers (its writer looks that up). Migration 0028 computes the same in SQL.
 */
export function conversationKey(message: {
  accountId: string;
  kind: MessageKind;
  direction: MessageDirection;
  threadKey: string;
  authorExternalId: string;
}): string | null {
  if (message.kind === "dm") return [message.accountId, message.threadKey].join(SEPARATOR);
  if (message.direction === "inbound") return [message.accountId, message.threadKey, message.authorExternalId].join(SEPARATOR);
  return null;
}
