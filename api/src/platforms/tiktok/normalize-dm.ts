import type { NormalizedMessage, NormalizeResult } from "../../connectors/contract.ts";
import { DM_READ_EVENT, type DmMessageContent, type DmWebhook } from "./dm-webhook-payload.ts";

/** What an agent sees for a DM without text. A Map, not an object: `type` comes from the sender. */
const PLACEHOLDER_OF = new Map<string, string>([
  ["image", "[image]"],
  ["share_post", "[shared post]"],
  ["sticker", "[sticker]"],
  ["video", "[video]"],
]);

function textOf(content: DmMessageContent): string {
  const body = content.text?.body;
  if (body !== undefined && body !== "") return body;
  return PLACEHOLDER_OF.get(content.type) ?? `[${content.type.slice(0, 40)} message]`;
}

/**
 * Turns one Business Messaging webhook into normal-form messages. `im_send_msg` is the brand's
 * own send coming back: it stays in the conversation as outbound, never as the customer's.
 */
export function normalizeTikTokDmWebhook(webhook: DmWebhook): NormalizeResult {
  if (webhook.kind === "other") {
    const why = webhook.event === DM_READ_EVENT ? "read receipt" : `event "${webhook.event}" is not gathered`;
    return { messages: [], skipped: [why] };
  }
  const { content, accountId } = webhook;
  const outbound = webhook.event === "im_send_msg" || content.from_user.id === accountId;
  const customerId = outbound ? content.to_user.id : content.from_user.id;
  const message: NormalizedMessage = {
    platform: "tiktok",
    channel: "tiktok_business",
    kind: "dm",
    direction: outbound ? "outbound" : "inbound",
    externalId: content.message_id,
    parentExternalId: null,
    threadKey: `tiktok:dm:${accountId}:${content.conversation_id}`,
    authorExternalId: content.from_user.id,
    authorHandle: null,
    // The same app-scoped user id the comment APIs return as `user_id`: a buyer's comments and
    // DMs meet in one contact.
    contactExternalId: customerId,
    contactHandle: null,
    text: textOf(content),
    likes: 0,
    visibility: "visible",
    createdAt: content.timestamp,
    accountExternalId: accountId,
    post: null,
  };
  return { messages: [message], skipped: [] };
}
