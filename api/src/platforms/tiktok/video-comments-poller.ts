import type { DiscoveredResource, ResourcePoller } from "../../connectors/contract.ts";
import { commentPageEventBody } from "./comment-page-event.ts";
import { tiktokCommentSchema } from "./comment-payload.ts";
import { commentPollInterval } from "./comment-poll-interval.ts";
import { advancePass, type PassItem } from "./newest-first-pass.ts";
import { businessIdOf, clientForPoll } from "./poll-client.ts";
import { COMMENT_LIST_LIMIT, COMMENT_REPLIES_RESOURCE, repliesResourceId, VIDEO_COMMENTS_RESOURCE } from "./tiktok-resources.ts";

/** Sweeps revisit older comments for new replies; this many intervals apart. */
const SWEEP_EVERY_INTERVALS = 12;
/** A first pass or a sweep reads comments back this far: older ones are history, not triage. */
export const COMMENT_HORIZON_MS = 30 * 24 * 60 * 60_000;

/**
 * A video's comments, newest first, one page per poll. A pass stops at the newest comment the
 * previous pass saw; each page is stored raw as a `tiktok.comment_page` event. Replies come
 * inline (`include_replies`), and a comment with more replies than fit inline gets its own
 * replies cursor. Between passes the video rests for an interval that grows with its age.
 */
export const videoCommentsPoller: ResourcePoller = {
  resource: VIDEO_COMMENTS_RESOURCE,
  channel: "tiktok_business",
  rateLimit: COMMENT_LIST_LIMIT,
  async poll(context) {
    const { cursor, now } = context;
    const businessId = businessIdOf(context.account);
    const videoId = cursor.resourceId;
    const offset = cursor.pageCursor === null ? null : Number(cursor.pageCursor);
    const { data, response } = await clientForPoll(context).listComments({ businessId, videoId, cursor: offset, includeReplies: true });

    const items: PassItem[] = [];
    const discovered: DiscoveredResource[] = [];
    let gathered = 0;
    for (const raw of data.comments ?? []) {
      const parsed = tiktokCommentSchema.safeParse(raw);
      if (!parsed.success) continue;
      const comment = parsed.data;
      const inline = comment.reply_list?.length ?? 0;
      gathered += 1 + inline;
      items.push({ id: comment.comment_id, createdAt: comment.create_time });
      if ((comment.replies ?? 0) > inline) {
        discovered.push({
          resource: COMMENT_REPLIES_RESOURCE,
          resourceId: repliesResourceId(videoId, comment.comment_id),
          resourceCreatedAt: comment.create_time,
        });
      }
    }

    const publishedAt = cursor.resourceCreatedAt;
    const sweepEveryMs = SWEEP_EVERY_INTERVALS * commentPollInterval(publishedAt, cursor.newestSeenAt, now);
    const step = advancePass(
      cursor,
      { items, hasMore: data.has_more === true, nextOffset: data.cursor ?? null },
      { stopAtOlderThanMark: true, sweepEveryMs, horizonMs: COMMENT_HORIZON_MS },
      now,
    );
    return {
      events: items.length > 0 ? [{ format: "tiktok.comment_page", body: commentPageEventBody({ businessId, videoId, fetchedAt: now }, response) }] : [],
      pageCursor: step.pageCursor,
      state: step.state,
      newestSeenId: step.newestSeenId,
      newestSeenAt: step.newestSeenAt,
      discovered,
      itemsGathered: gathered,
      nextPollInMs: step.complete ? commentPollInterval(publishedAt, step.newestSeenAt, now, cursor.lastPushedAt) : 0,
    };
  },
};
