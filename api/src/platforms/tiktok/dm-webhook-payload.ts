import { parseWebhookBody, type WebhookBodyParse } from "../../connectors/contract.ts";
import { z } from "zod";
import { tiktokEpoch, tiktokId } from "../../lib/tiktok-ids.ts";

/** The Business Messaging events Surgedesk reads; others are accepted and skipped. */
export const DM_MESSAGE_EVENTS = ["im_receive_msg", "im_send_msg"] as const;
export const DM_READ_EVENT = "im_mark_read_msg";

const user = z.object({ id: tiktokId });

/** `content` of a message event, once parsed from its JSON string. */
export const dmMessageContentSchema = z
  .object({
    conversation_id: z.string().min(1).max(512),
    message_id: z.string().min(1).max(512),
    /** Milliseconds since the epoch. */
    timestamp: tiktokEpoch,
    type: z.string().min(1).max(50),
    text: z.object({ body: z.string().max(20_000) }).nullish(),
    from_user: user,
    to_user: user,
  })
  ;
export type DmMessageContent = z.infer<typeof dmMessageContentSchema>;

const envelopeSchema = z.object({
  client_key: z.string().max(256),
  event: z.string().min(1).max(100),
  /** Seconds since the epoch. */
  create_time: tiktokEpoch,
  /** The open id of the account that authorised the app: the brand's business account. */
  user_openid: tiktokId,
  /** A JSON document inside a string: parsed again below. */
  content: z.string().max(200_000),
});

export type DmWebhook =
  | { kind: "message"; event: (typeof DM_MESSAGE_EVENTS)[number]; accountId: string; content: DmMessageContent }
  | { kind: "other"; event: string; accountId: string };

function isMessageEvent(event: string): event is (typeof DM_MESSAGE_EVENTS)[number] {
  return (DM_MESSAGE_EVENTS as readonly string[]).includes(event);
}

/**
 * The whole delivery: the envelope, then its `content` string parsed and validated as the event
 * requires. Message events are checked strictly (they become messages); read receipts and
 * events Surgedesk does not gather only need an object, since they are skipped.
 */
export const dmWebhookSchema = envelopeSchema.transform((envelope, ctx): DmWebhook => {
  let content: unknown;
  try {
    content = JSON.parse(envelope.content);
  } catch {
    ctx.addIssue({ code: "custom", message: "content is not a JSON document", path: ["content"] });
    return z.NEVER;
  }
  if (!isMessageEvent(envelope.event)) {
    if (typeof content !== "object" || content === null) {
      ctx.addIssue({ code: "custom", message: "content must be a JSON object", path: ["content"] });
      return z.NEVER;
    }
    return { kind: "other", event: envelope.event, accountId: envelope.user_openid };
  }
  const parsed = dmMessageContentSchema.safeParse(content);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message, path: ["content", ...issue.path] });
    }
    return z.NEVER;
  }
  return { kind: "message", event: envelope.event, accountId: envelope.user_openid, content: parsed.data };
});

export type DmWebhookParse = WebhookBodyParse<DmWebhook>;

/** Reads a raw delivery; the webhook route and the ingest worker share it, so they agree. */
export function parseDmWebhook(body: string): DmWebhookParse {
  return parseWebhookBody(body, dmWebhookSchema, "a TikTok webhook payload");
}
