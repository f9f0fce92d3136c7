import { PlatformApiError, type ResourcePoller } from "../../connectors/contract.ts";
import { commentPageEventBody } from "./comment-page-event.ts";
import { tiktokReplySchema } from "./comment-payload.ts";
import { commentPollInterval } from "./comment-poll-interval.ts";
import { advancePass, type PassItem } from "./newest-first-pass.ts";
import { businessIdOf, clientForPoll } from "./poll-client.ts";
import { COMMENT_REPLIES_RESOURCE, parseRepliesResourceId, REPLY_LIST_LIMIT } from "./tiktok-resources.ts";

/** Replies threads are many and slow-moving: never polled more often than this. */
const MIN_REPLIES_INTERVAL_MS = 5 * 60_000;

/**
 * The replies of one comment that has more than fit inline in the comment list, newest first,
 * with the same stop-at-the-mark passes as the comments. The cursor's `resourceCreatedAt` is
 * the comment's own time: a thread on a fresh comment is polled more often.
 */
export const commentRepliesPoller: ResourcePoller = {
  resource: COMMENT_REPLIES_RESOURCE,
  channel: "tiktok_business",
  rateLimit: REPLY_LIST_LIMIT,
  async poll(context) {
    const { cursor, now } = context;
    const target = parseRepliesResourceId(cursor.resourceId);
    if (!target) throw new PlatformApiError("rejected", `replies cursor "${cursor.resourceId}" is not <video id>:<comment id>`);
    const { videoId, commentId } = target;
    const businessId = businessIdOf(context.account);
    const offset = cursor.pageCursor === null ? null : Number(cursor.pageCursor);
    const { data, response } = await clientForPoll(context).listReplies({ businessId, videoId, commentId, cursor: offset });

    const items: PassItem[] = [];
    for (const raw of data.comments ?? []) {
      const parsed = tiktokReplySchema.safeParse(raw);
      if (parsed.success) items.push({ id: parsed.data.comment_id, createdAt: parsed.data.create_time });
    }
    const step = advancePass(
      cursor,
      { items, hasMore: data.has_more === true, nextOffset: data.cursor ?? null },
      { stopAtOlderThanMark: true, sweepEveryMs: null, horizonMs: null },
      now,
    );
    const interval = Math.max(MIN_REPLIES_INTERVAL_MS, commentPollInterval(cursor.resourceCreatedAt, step.newestSeenAt, now));
    return {
      events:
        items.length > 0
          ? [{ format: "tiktok.comment_page", body: commentPageEventBody({ businessId, videoId, commentId, fetchedAt: now }, response) }]
          : [],
      pageCursor: step.pageCursor,
      state: step.state,
      newestSeenId: step.newestSeenId,
      newestSeenAt: step.newestSeenAt,
      itemsGathered: items.length,
      nextPollInMs: step.complete ? interval : 0,
    };
  },
};
