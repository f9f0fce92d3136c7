import { postThumbnailPath } from "../posts/thumbnail-path.ts";
import { and, asc, desc, eq, ne } from "drizzle-orm";
import type { MessageContext } from "@surgedesk/shared";
import type { Database } from "../db/client.ts";
import { campaignPosts, campaigns, messages, posts } from "../db/schema/index.ts";
import { selectMessageRows, toApiMessage } from "./message-row.ts";

const THREAD_MAX = 100;
const HISTORY_MAX = 20;

/**
 * What surrounds one message: the post it is on (and the campaigns the post is in), its
 * conversation, and the same buyer's other comments and DMs. Null when the message is not in
 * the workspace.
 */
export async function getMessageContext(db: Database, workspaceId: string, id: string): Promise<MessageContext | null> {
  const [message] = await db
    .select({
      platform: messages.platform,
      accountId: messages.accountId,
      threadKey: messages.threadKey,
      contactId: messages.contactId,
      authorExternalId: messages.authorExternalId,
      postId: messages.postId,
      conversationKey: messages.conversationKey,
    })
    .from(messages)
    .where(and(eq(messages.id, id), eq(messages.workspaceId, workspaceId)));
  if (!message) return null;

  const thread = await selectMessageRows(db)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.threadKey, message.threadKey), eq(messages.accountId, message.accountId)))
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(THREAD_MAX);

  const item = message.conversationKey
    ? await selectMessageRows(db)
        .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationKey, message.conversationKey)))
        .orderBy(asc(messages.createdAt), asc(messages.id))
        .limit(THREAD_MAX)
    : await selectMessageRows(db).where(eq(messages.id, id));

  // The buyer is their contact when known; otherwise their id on the platform.
  const sameAuthor = message.contactId
    ? eq(messages.contactId, message.contactId)
    : and(eq(messages.platform, message.platform), eq(messages.authorExternalId, message.authorExternalId));
  const history = await selectMessageRows(db)
    .where(and(eq(messages.workspaceId, workspaceId), sameAuthor, ne(messages.id, id), eq(messages.direction, "inbound")))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(HISTORY_MAX);

  let post: MessageContext["post"] = null;
  if (message.postId) {
    const [row] = await db.select().from(posts).where(and(eq(posts.id, message.postId), eq(posts.workspaceId, workspaceId)));
    if (row) {
      const inCampaigns = await db
        .select({ id: campaigns.id, name: campaigns.name })
        .from(campaignPosts)
        .innerJoin(campaigns, eq(campaigns.id, campaignPosts.campaignId))
        .where(and(eq(campaignPosts.postId, row.id), eq(campaigns.workspaceId, workspaceId)))
        .orderBy(asc(campaigns.name));
      post = {
        id: row.id,
        externalId: row.externalId,
        productType: row.productType,
        caption: row.caption,
        permalink: row.permalink,
        thumbnail: postThumbnailPath(row),
        publishedAt: row.publishedAt?.toISOString() ?? null,
        campaigns: inCampaigns,
      };
    }
  }
  return { post, thread: thread.map(toApiMessage), item: item.map(toApiMessage), authorHistory: history.map(toApiMessage) };
}
