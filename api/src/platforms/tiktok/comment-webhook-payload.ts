import { z } from "zod";
import { parseWebhookBody, type WebhookBodyParse } from "../../connectors/contract.ts";
import { parseJsonLosslessly } from "../../lib/parse-json-losslessly.ts";
import { tiktokEpoch, tiktokId } from "../../lib/tiktok-ids.ts";

export const COMMENT_UPDATE_EVENT = "comment.update";

/** What happened to the comment; the last three change who can see it. */
export const COMMENT_ACTIONS = ["insert", "delete", "set_to_hidden", "set_to_friends_only", "set_to_public"] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

/**
 * `content` of a `comment.update` event (API for Business), once parsed from its JSON string:
 * `{comment_id, video_id, parent_comment_id, comment_type, comment_action, unique_identifier,
 * timestamp, text}`. The ids come as JSON numbers beyond 2^53: the content is parsed losslessly,
 * so they arrive here as exact digit strings.
 */
export const commentUpdateContentSchema = z.object({
  comment_id: tiktokId,
  video_id: tiktokId,
  /** Replies only; TikTok threads one level deep, so it is the top-level comment. */
  parent_comment_id: z.union([tiktokId, z.literal("")]).nullish(),
  comment_type: z.string().max(50).nullish(),
  /** Read as a string: an action TikTok adds later is accepted and skipped, not refused. */
  comment_action: z.string().min(1).max(100),
  /** The commenter, consistent across TikTok's APIs (`user_id`'s successor). */
  unique_identifier: z.string().max(256).nullish(),
  user_id: tiktokId.nullish(),
  /** When the action happened (seconds; milliseconds tolerated). */
  timestamp: tiktokEpoch,
  text: z.string().max(20_000).nullish(),
});
export type CommentUpdateContent = z.infer<typeof commentUpdateContentSchema>;

export interface CommentWebhook {
  /** The business account (its open id) whose video it is. */
  accountId: string;
  content: CommentUpdateContent;
}

/** The same envelope as every TikTok for Developers webhook; `content` is a JSON document in a string. */
export const commentWebhookSchema = z
  .object({
    client_key: z.string().max(256),
    event: z.literal(COMMENT_UPDATE_EVENT),
    create_time: tiktokEpoch,
    user_openid: tiktokId,
    content: z.string().max(200_000),
  })
  .transform((envelope, ctx): CommentWebhook => {
    let content: unknown;
    try {
      content = parseJsonLosslessly(envelope.content);
    } catch {
      ctx.addIssue({ code: "custom", message: "content is not a JSON document", path: ["content"] });
      return z.NEVER;
    }
    const parsed = commentUpdateContentSchema.safeParse(content);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: ["content", ...issue.path] });
      return z.NEVER;
    }
    return { accountId: envelope.user_openid, content: parsed.data };
  });

export const isCommentAction = (action: string): action is CommentAction => (COMMENT_ACTIONS as readonly string[]).includes(action);

/** Reads a raw `comment.update` delivery; the webhook route and the ingest worker share it. */
export function parseCommentWebhook(body: string): WebhookBodyParse<CommentWebhook> {
  return parseWebhookBody(body, commentWebhookSchema, "a TikTok comment.update payload", parseJsonLosslessly);
}

/** The event a TikTok delivery names, read without trusting the rest: which parser applies. */
export function tiktokEventOf(body: string): string | null {
  try {
    const json = parseJsonLosslessly(body);
    const event = typeof json === "object" && json !== null ? (json as Record<string, unknown>)["event"] : undefined;
    return typeof event === "string" ? event : null;
  } catch {
    return null;
  }
}
