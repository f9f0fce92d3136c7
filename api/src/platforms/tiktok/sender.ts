import { createTikTokBusinessClient } from "./business-client.ts";
import { tiktokReplySchema } from "./comment-payload.ts";
import type { PlatformSender, SenderInput } from "../../connectors/contract.ts";

const CLOCK_SLACK_MS = 5_000;
const MAX_PAGES = 20;

/** TikTok API for Business: public replies to comments, and DMs in Business Messaging conversations. */
export function tiktokSender(input: SenderInput): PlatformSender {
  const { row, account } = input;
  const client = createTikTokBusinessClient({ baseUrl: input.config.apiUrls.tiktokBusiness, accessToken: input.token, ...(input.fetch && { fetch: input.fetch }) });
  const businessId = account.platformParams?.business_id ?? account.externalAccountId;
  const { commentId, videoId, conversationId } = row.target;
  return {
    async send() {
      if (row.kind === "public_reply") return { externalId: (await client.replyToComment({ businessId, videoId: videoId!, commentId: commentId!, text: row.text })).commentId };
      return { externalId: (await client.sendMessage({ businessId, conversationId: conversationId!, text: row.text })).messageId };
    },
    async findExisting(excludeIds) {
      if (row.kind !== "public_reply") return "unknown";
      const since = row.createdAt.getTime() - CLOCK_SLACK_MS;
      let cursor: number | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const { data } = await client.listReplies({ businessId, videoId: videoId!, commentId: commentId!, cursor });
        for (const item of data.comments ?? []) {
          const reply = tiktokReplySchema.safeParse(item);
          if (!reply.success) continue;
          const { owner, text, create_time: createdAt, comment_id: id } = reply.data;
          const atMs = createdAt instanceof Date ? createdAt.getTime() : Number(createdAt) * 1000;
          if (owner === true && text === row.text && !(atMs < since) && !excludeIds.has(id)) return { externalId: id };
        }
        if (!data.has_more || data.cursor == null) return null;
        cursor = data.cursor;
      }
      return "unknown";
    },
    alreadyDelivered: () => false,
  };
}
