import type { PostDetails, DiscoveredResource, ResourcePoller } from "../../connectors/contract.ts";
import { graphClientFor } from "./graph-client-for.ts";
import { graphMediaSchema, type GraphMedia } from "./graph-schemas.ts";
import { MEDIA_LIST_INTERVAL_MS } from "./reconcile-interval.ts";

export const INSTAGRAM_MEDIA = "instagram.media";
export const INSTAGRAM_MEDIA_COMMENTS = "instagram.media_comments";

/** A post's picture: a video's cover, or an image's own file (a video's file is no picture). */
function mediaPicture(media: GraphMedia): string | null {
  if (media.thumbnail_url) return media.thumbnail_url;
  return media.media_type === "IMAGE" || media.media_type === "CAROUSEL_ALBUM" ? media.media_url || null : null;
}

function mediaTime(timestamp: string | undefined): Date | null {
  const ms = timestamp ? Date.parse(timestamp) : Number.NaN;
  return Number.isNaN(ms) ? null : new Date(ms);
}

/**
 * The account's media, one page per poll. It stores no messages: each media it finds becomes an
 * `instagram.media_comments` resource with its publication time, which sets how often that
 * media's comments are reconciled, and saves its caption and link (how people recognise a post:
 * webhooks name only its id). Once through the list, it reads it again every 15 minutes to
 * find new posts (knowing a media exists is cheap; its cursor is created once).
 */
export const instagramMediaPoller: ResourcePoller = {
  resource: INSTAGRAM_MEDIA,
  channel: "instagram",
  async poll(context) {
    const { account, cursor } = context;
    // By the account's id rather than `me`: with Facebook Login, `me` is the person, not the account.
    const { body, after, slowDownMs } = await graphClientFor(context).listMedia({
      userId: account.externalAccountId,
      after: cursor.pageCursor,
    });
    const discovered: DiscoveredResource[] = [];
    const posts: PostDetails[] = [];
    for (const item of body.data) {
      const media = graphMediaSchema.safeParse(item);
      if (!media.success) continue;
      const publishedAt = mediaTime(media.data.timestamp);
      discovered.push({ resource: INSTAGRAM_MEDIA_COMMENTS, resourceId: media.data.id, resourceCreatedAt: publishedAt });
      posts.push({
        externalId: media.data.id,
        productType: media.data.media_product_type ?? null,
        caption: media.data.caption || null,
        permalink: media.data.permalink || null,
        thumbnailUrl: mediaPicture(media.data),
        publishedAt,
      });
    }
    return {
      events: [],
      pageCursor: after,
      discovered,
      posts,
      itemsGathered: 0,
      nextPollInMs: after ? 0 : MEDIA_LIST_INTERVAL_MS,
      ...(slowDownMs && { slowAccountForMs: slowDownMs }),
    };
  },
};
