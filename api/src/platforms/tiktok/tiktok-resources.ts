/** The polled resources of a TikTok business account, as named in `sync_cursors.resource`. */
export const VIDEOS_RESOURCE = "tiktok.videos";
export const VIDEO_COMMENTS_RESOURCE = "tiktok.video_comments";
export const COMMENT_REPLIES_RESOURCE = "tiktok.comment_replies";

/** `<video id>:<comment id>`: a replies cursor needs both to call the reply list. */
export const repliesResourceId = (videoId: string, commentId: string) => `${videoId}:${commentId}`;

export function parseRepliesResourceId(resourceId: string): { videoId: string; commentId: string } | null {
  const [videoId, commentId, ...rest] = resourceId.split(":");
  return videoId && commentId && rest.length === 0 ? { videoId, commentId } : null;
}

/**
 * TikTok allows about 40 requests a minute per account on each comment endpoint (600 a minute per
 * app on the basic tier): each poll of a comment list spends one of its endpoint's.
 */
export const COMMENT_CALLS_PER_MINUTE = 40;
export const COMMENT_LIST_LIMIT = { endpoint: "tiktok.comment/list", perMinute: COMMENT_CALLS_PER_MINUTE };
export const REPLY_LIST_LIMIT = { endpoint: "tiktok.comment/reply/list", perMinute: COMMENT_CALLS_PER_MINUTE };
