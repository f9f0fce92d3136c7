import { z } from "zod";
import { tiktokEpoch, tiktokId } from "../../lib/tiktok-ids.ts";

/** One video of `/business/video/list/`, with the fields Surgedesk asks for. */
export const tiktokVideoSchema = z.object({
  item_id: tiktokId,
  /** Seconds; some clients of this API model it as a string. */
  create_time: tiktokEpoch.nullish(),
  caption: z.string().max(10_000).nullish(),
  share_url: z.string().max(2_000).nullish(),
  /** The video's cover picture, a signed CDN link that expires (the next video poll renews it). */
  thumbnail_url: z.string().max(4_000).nullish(),
});
export type TikTokVideo = z.infer<typeof tiktokVideoSchema>;

export const videoPageDataSchema = z.object({
  videos: z.array(z.unknown()).max(1000).nullish(),
  cursor: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,12}$/).transform(Number)]).nullish(),
  has_more: z.union([z.boolean(), z.number().transform((n) => n !== 0)]).nullish(),
});
export type VideoPageData = z.infer<typeof videoPageDataSchema>;

/** The fields requested from the video list: what discovery and adaptive polling need. */
export const VIDEO_FIELDS = ["item_id", "create_time", "caption", "share_url", "thumbnail_url"] as const;
