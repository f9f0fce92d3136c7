import { z } from "zod";
import { tiktokEpoch, tiktokId } from "../../lib/tiktok-ids.ts";

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * One comment of the API for Business (`/business/comment/list/`, `/comment/reply/list/`).
 * Fields TikTok may leave out or send as null are optional; `user_id` is due to be replaced by
 * `unique_identifier` in a later API version, so either names the author.
 */
const commentFields = {
  comment_id: tiktokId,
  video_id: tiktokId.nullish(),
  user_id: tiktokId.nullish(),
  unique_identifier: z.string().max(256).nullish(),
  create_time: tiktokEpoch,
  text: z.string().max(20_000).nullish(),
  likes: count.nullish(),
  replies: count.nullish(),
  /** True when the video's owner (the brand) wrote it. */
  owner: z.boolean().nullish(),
  /** PUBLIC or HIDDEN. */
  status: z.string().max(50).nullish(),
  username: z.string().max(256).nullish(),
  parent_comment_id: z.union([tiktokId, z.literal("")]).nullish(),
};

export const tiktokReplySchema = z.object(commentFields);
export type TikTokReply = z.infer<typeof tiktokReplySchema>;

/** A top-level comment may carry its first replies inline when `include_replies=true`. */
export const tiktokCommentSchema = z.object({
  ...commentFields,
  reply_list: z.array(z.unknown()).max(1000).nullish(),
});
export type TikTokComment = z.infer<typeof tiktokCommentSchema>;

/**
 * `data` of a comment or reply list page. Items stay unparsed here: one malformed comment is
 * skipped on its own rather than losing the page it came in.
 */
export const commentPageDataSchema = z.object({
  comments: z.array(z.unknown()).max(1000).nullish(),
  cursor: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,12}$/).transform(Number)]).nullish(),
  has_more: z.union([z.boolean(), z.number().transform((n) => n !== 0)]).nullish(),
});
export type CommentPageData = z.infer<typeof commentPageDataSchema>;
