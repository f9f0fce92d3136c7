import type { PostDetails, DiscoveredResource, ResourcePoller } from "../../connectors/contract.ts";
import { advancePass, type PassItem } from "./newest-first-pass.ts";
import { businessIdOf, clientForPoll } from "./poll-client.ts";
import { tiktokVideoSchema } from "./video-payload.ts";
import { VIDEO_COMMENTS_RESOURCE, VIDEOS_RESOURCE } from "./tiktok-resources.ts";

/** A new video gets its first comments within minutes; look for new videos this often. */
const VIDEOS_INTERVAL_MS = 5 * 60_000;
/** The list's order is not documented: once a day, walk all of it regardless of the mark. */
const VIDEOS_SWEEP_MS = 24 * 60 * 60_000;

/**
 * The business account's videos: each one found gets a comments cursor, with its publication
 * time for adaptive polling, and its caption and share link are saved on the post (comments name
 * only the video's id). Nothing is stored as an event; videos are not messages.
 */
export const videosPoller: ResourcePoller = {
  resource: VIDEOS_RESOURCE,
  channel: "tiktok_business",
  async poll(context) {
    const { cursor, now } = context;
    const businessId = businessIdOf(context.account);
    const offset = cursor.pageCursor === null ? null : Number(cursor.pageCursor);
    const { data } = await clientForPoll(context).listVideos({ businessId, cursor: offset });

    const items: PassItem[] = [];
    const discovered: DiscoveredResource[] = [];
    const posts: PostDetails[] = [];
    for (const raw of data.videos ?? []) {
      const parsed = tiktokVideoSchema.safeParse(raw);
      if (!parsed.success) continue;
      const createdAt = parsed.data.create_time ?? null;
      items.push({ id: parsed.data.item_id, createdAt });
      discovered.push({ resource: VIDEO_COMMENTS_RESOURCE, resourceId: parsed.data.item_id, resourceCreatedAt: createdAt });
      posts.push({
        externalId: parsed.data.item_id,
        productType: "VIDEO",
        caption: parsed.data.caption || null,
        permalink: parsed.data.share_url || null,
        thumbnailUrl: parsed.data.thumbnail_url || null,
        publishedAt: createdAt,
      });
    }
    const step = advancePass(
      cursor,
      { items, hasMore: data.has_more === true, nextOffset: data.cursor ?? null },
      { stopAtOlderThanMark: false, sweepEveryMs: VIDEOS_SWEEP_MS, horizonMs: null },
      now,
    );
    return {
      events: [],
      pageCursor: step.pageCursor,
      state: step.state,
      newestSeenId: step.newestSeenId,
      newestSeenAt: step.newestSeenAt,
      discovered,
      posts,
      itemsGathered: 0,
      nextPollInMs: step.complete ? VIDEOS_INTERVAL_MS : 0,
    };
  },
};
