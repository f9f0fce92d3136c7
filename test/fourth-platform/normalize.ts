import { z } from "zod";
import type { AccountChannel, NormalizedMessage, NormalizeResult, Platform } from "../../api/src/connectors/contract.ts";

/**
 * A platform the shared lists do not name yet. A real fourth platform adds its names to
 * shared/src/platform.ts and account.ts (so the console can label it); to the API it is this
 * folder and one entry in the connector list.
 */
export const FAKECHAT_CHANNEL = "fakechat" as AccountChannel;
export const FAKECHAT_PLATFORM = "fakechat" as Platform;

const commentSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  postId: z.string(),
  author: z.object({ id: z.string(), name: z.string() }),
  text: z.string(),
  createdAt: z.string().datetime(),
});
const pageSchema = z.object({ comments: z.array(commentSchema) });

function toMessage(comment: z.infer<typeof commentSchema>): NormalizedMessage {
  return {
    platform: FAKECHAT_PLATFORM,
    channel: FAKECHAT_CHANNEL,
    kind: "comment",
    direction: "inbound",
    externalId: comment.id,
    parentExternalId: null,
    threadKey: `fakechat:post:${comment.postId}`,
    authorExternalId: comment.author.id,
    authorHandle: comment.author.name,
    contactExternalId: comment.author.id,
    contactHandle: comment.author.name,
    text: comment.text,
    likes: 0,
    visibility: "visible",
    createdAt: new Date(comment.createdAt),
    accountExternalId: comment.accountId,
    post: { externalId: comment.postId, productType: "POST" },
  };
}

/** A webhook delivery and a polled page have the same shape here: a list of comments. */
export function normalizeFakechatPage(body: string): NormalizeResult {
  return { messages: pageSchema.parse(JSON.parse(body)).comments.map(toMessage), skipped: [] };
}
