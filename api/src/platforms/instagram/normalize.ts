import type { NormalizedMessage, NormalizeResult } from "../../connectors/contract.ts";
import type { IgCommentValue, IgMessagingItem, IgWebhookPayload } from "./webhook-payload.ts";

/** Meta's `entry.time` is seconds, but tolerate milliseconds. */
function fromEpoch(value: number): Date {
  return new Date(value > 1e12 ? value : value * 1000);
}

function normalizeComment(accountId: string, value: IgCommentValue, deliveredAt: Date): NormalizedMessage {
  return {
    platform: "instagram",
    channel: "instagram",
    kind: "comment",
    direction: value.from.id === accountId ? "outbound" : "inbound",
    externalId: value.id,
    parentExternalId: value.parent_id ?? null,
    // A reply joins its top-level comment's thread; Instagram nests one level only.
    threadKey: `instagram:comment:${value.parent_id ?? value.id}`,
    authorExternalId: value.from.id,
    authorHandle: value.from.username ?? null,
    contactExternalId: value.from.self_ig_scoped_id ?? value.from.id,
    contactHandle: value.from.username ?? null,
    text: value.text,
    likes: 0,
    visibility: "visible",
    // Comment webhooks carry no creation time: the delivery time is the closest truth.
    createdAt: deliveredAt,
    accountExternalId: accountId,
    post: value.media ? { externalId: value.media.id, productType: value.media.media_product_type ?? null } : null,
  };
}

function normalizeDirectMessage(accountId: string, item: IgMessagingItem): NormalizedMessage | string {
  const message = item.message;
  if (!message) return "messaging item without a message (read receipt, reaction or postback)";
  if (message.is_deleted) return `deleted message ${message.mid}`;
  // Echoes are the brand's own sends coming back: keep them in the thread, never as a customer's.
  const outbound = message.is_echo === true || item.sender.id === accountId;
  const customerId = outbound ? item.recipient.id : item.sender.id;
  const attachmentCount = message.attachments?.length ?? 0;
  return {
    platform: "instagram",
    channel: "instagram",
    kind: "dm",
    direction: outbound ? "outbound" : "inbound",
    externalId: message.mid,
    parentExternalId: null,
    threadKey: `instagram:dm:${accountId}:${customerId}`,
    authorExternalId: item.sender.id,
    authorHandle: null,
    contactExternalId: customerId,
    contactHandle: null,
    likes: 0,
    visibility: "visible",
    text: message.text ?? (attachmentCount > 0 ? `[${attachmentCount} attachment${attachmentCount > 1 ? "s" : ""}]` : ""),
    createdAt: fromEpoch(item.timestamp),
    accountExternalId: accountId,
    post: null,
  };
}

/** Turns one verified, validated Instagram webhook delivery into normal-form messages. */
export function normalizeInstagramWebhook(payload: IgWebhookPayload): NormalizeResult {
  const result: NormalizeResult = { messages: [], skipped: [] };
  const add = (outcome: NormalizedMessage | string) => {
    if (typeof outcome === "string") result.skipped.push(outcome);
    else result.messages.push(outcome);
  };
  for (const entry of payload.entry) {
    const deliveredAt = fromEpoch(entry.time);
    for (const change of entry.changes ?? []) {
      switch (change.field) {
        case "comments":
        case "live_comments":
          add(normalizeComment(entry.id, change.value, deliveredAt));
          break;
        case "messages":
          add(normalizeDirectMessage(entry.id, change.value));
          break;
        case "other":
          add(`field "${change.name}" is not gathered`);
      }
    }
    for (const item of entry.messaging ?? []) add(normalizeDirectMessage(entry.id, item));
  }
  return result;
}
