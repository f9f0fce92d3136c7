import { createGraphClient } from "./graph-client.ts";
import { graphCommentSchema } from "./graph-schemas.ts";
import { PlatformApiError, type PlatformSender, type SenderInput } from "../../connectors/contract.ts";

/** A reply found on the platform counts if written at most this long before the row was queued (Graph times are to the second). */
const CLOCK_SLACK_MS = 5_000;
const MAX_PAGES = 20;

export function instagramSender(input: SenderInput): PlatformSender {
  const { row, account } = input;
  const client = createGraphClient({ baseUrl: input.config.apiUrls.instagramGraph, accessToken: input.token, ...(input.fetch && { fetch: input.fetch }) });
  const igUserId = account.externalAccountId;
  const { commentId, recipientId } = row.target;
  return {
    async send() {
      if (row.kind === "public_reply") return { externalId: (await client.replyToComment(commentId!, row.text)).body.id };
      if (row.kind === "private_reply") return { externalId: (await client.sendPrivateReply(igUserId, commentId!, row.text)).body.message_id };
      return { externalId: (await client.sendMessage(igUserId, recipientId!, row.text)).body.message_id };
    },
    async findExisting(excludeIds) {
      // A Private Reply needs no search: sending again is safe, Instagram refuses a second one.
      if (row.kind === "private_reply") return null;
      if (row.kind === "dm") return "unknown";
      const since = row.createdAt.getTime() - CLOCK_SLACK_MS;
      let after: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const response = await client.listReplies(commentId!, { after });
        for (const item of response.body.data) {
          const reply = graphCommentSchema.safeParse(item);
          if (!reply.success) continue;
          const byBrand = reply.data.from?.id === igUserId || (account.handle !== null && reply.data.username === account.handle);
          const at = reply.data.timestamp ? Date.parse(reply.data.timestamp.replace(/\+0000$/, "Z")) : Number.NaN;
          if (byBrand && reply.data.text === row.text && !(at < since) && !excludeIds.has(reply.data.id)) return { externalId: reply.data.id };
        }
        if (!response.after) return null;
        after = response.after;
      }
      return "unknown";
    },
    alreadyDelivered(error) {
      return (
        row.kind === "private_reply" &&
        error instanceof PlatformApiError &&
        error.kind === "rejected" &&
        /private reply has already been sent/i.test(error.message)
      );
    },
  };
}
