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
