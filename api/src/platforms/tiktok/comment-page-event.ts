import { z } from "zod";
import { commentPageDataSchema } from "./comment-payload.ts";
import { tiktokEpoch, tiktokId } from "../../lib/tiktok-ids.ts";

/**
 * What the comment pollers store as a `tiktok.comment_page` event: the API's response exactly
 * as received, with what the request asked for. A comment does not say which business account
 * it belongs to, and a reply page does not repeat its top-level comment; the request does.
 */
export const commentPageEventSchema = z.object({
  business_id: tiktokId,
  video_id: tiktokId,
  /** The top-level comment, for a page of `/business/comment/reply/list/`. */
  comment_id: tiktokId.nullish(),
  /**
   * When the page was read (ms): what it says of each comment's visibility was true then. Pages
   * stored before it was recorded have none and change no stored comment.
   */
  fetched_at: tiktokEpoch.nullish(),
  response: z.object({
    code: z.literal(0),
    message: z.string().nullish(),
    request_id: z.string().nullish(),
    data: commentPageDataSchema,
  }),
});
export type CommentPageEvent = z.infer<typeof commentPageEventSchema>;

export interface CommentPageRequest {
  businessId: string;
  videoId: string;
  commentId?: string | null;
  fetchedAt?: Date;
}

/** The stored body of one polled page; `response` is the parsed envelope, untouched. */
export function commentPageEventBody(request: CommentPageRequest, response: unknown): string {
  return JSON.stringify({
    business_id: request.businessId,
    video_id: request.videoId,
    ...(request.commentId && { comment_id: request.commentId }),
    ...(request.fetchedAt && { fetched_at: request.fetchedAt.getTime() }),
    response,
  });
}

export function parseCommentPageEvent(body: string): CommentPageEvent {
  return commentPageEventSchema.parse(JSON.parse(body));
}
