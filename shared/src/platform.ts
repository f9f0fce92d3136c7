import { z } from "zod";

export const PLATFORMS = ["instagram", "tiktok"] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;

/** What a person calls a post of each Instagram `media_product_type` (TikTok's are all videos). */
const INSTAGRAM_KINDS: Record<string, string> = { REELS: "reel", FEED: "post", STORY: "story", AD: "ad", CAROUSEL_ALBUM: "carousel" };

/** "Instagram reel", "TikTok video": the kind of post, in words. */
export function postKindName(platform: Platform, productType: string | null): string {
  if (platform === "tiktok") return "TikTok video";
  return `Instagram ${INSTAGRAM_KINDS[productType ?? ""] ?? "post"}`;
}
