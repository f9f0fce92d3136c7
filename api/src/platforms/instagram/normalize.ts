import type { MessageStateChange, NormalizedMessage, NormalizeResult } from "../../connectors/contract.ts";
import { commentVerbOf, type IgCommentValue, type IgMessagingItem, type IgWebhookPayload } from "./webhook-payload.ts";

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

const VISIBILITY_AFTER = { remove: "deleted", hide: "hidden", unhide: "visible" } as const;

function normalizeDirectMessage(accountId: string, item: IgMessagingItem, changes: MessageStateChange[]): NormalizedMessage | string {
  const message = item.message;
  if (!message) return "messaging item without a message (read receipt, reaction or postback)";
  if (message.is_deleted) {
    // The customer unsent it: the stored copy shows as deleted.
    changes.push({ platform: "instagram", externalId: message.mid, observedAt: fromEpoch(item.timestamp), visibility: "deleted" });
    return `deleted message ${message.mid}`;
  }
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
  const changes: MessageStateChange[] = [];
  const result: NormalizeResult = { messages: [], skipped: [], changes };
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
          if ("verb" in change) {
            // A removal or visibility change: it applies to the stored comment, if any.
            if (change.verb === "other") result.skipped.push(`comment ${change.value.id}: verb "${change.value.verb.slice(0, 50)}" is not gathered`);
            else changes.push({ platform: "instagram", externalId: change.value.id, observedAt: deliveredAt, visibility: VISIBILITY_AFTER[change.verb] });
            break;
          }
          add(normalizeComment(entry.id, change.value, deliveredAt));
          // An edit: the new text replaces the stored one (and is classified again).
          if (commentVerbOf(change.value.verb) === "edit") changes.push({ platform: "instagram", externalId: change.value.id, observedAt: deliveredAt, text: change.value.text });
          break;
        case "messages":
          add(normalizeDirectMessage(entry.id, change.value, changes));
          break;
        case "other":
          add(`field "${change.name}" is not gathered`);
      }
    }
    for (const item of entry.messaging ?? []) add(normalizeDirectMessage(entry.id, item, changes));
  }
  return result;
}
