import type { Platform } from "@surgedesk/shared";
import type { ScenarioPost, TrafficStream } from "./scenario.ts";
import { dailyRhythm, DM_MIX, QUIET_COMMENT_MIX, quietPostRates } from "./traffic-shapes.ts";

/**
 * An ordinary catalogue: Instagram and TikTok posts each drawing their own trickle of comments
 * through the day, plus DMs to both accounts. Every scenario plays over one.
 */
export function backgroundTraffic({
  instagramPosts,
  tiktokPosts,
  seed,
  dmsPerMinute = { instagram: 0.6, tiktok: 0.4 },
}: {
  instagramPosts: number;
  tiktokPosts: number;
  seed: number;
  dmsPerMinute?: Record<Platform, number>;
}): { posts: ScenarioPost[]; streams: TrafficStream[] } {
  const rates = quietPostRates(instagramPosts + tiktokPosts, seed);
  const posts: ScenarioPost[] = rates.map((_, i) => {
    const instagram = i < instagramPosts;
    const n = instagram ? i + 1 : i - instagramPosts + 1;
    return { key: instagram ? `ig-${n}` : `tt-${n}`, platform: instagram ? "instagram" : "tiktok", caption: `${instagram ? "Reel" : "Video"} ${n}` };
  });
  const streams: TrafficStream[] = posts.map((post, i) => ({
    post: post.key,
    platform: post.platform,
    kind: "comment",
    ratePerMinute: (m) => rates[i]! * dailyRhythm(m),
    labelMix: () => QUIET_COMMENT_MIX,
    replyRate: 0.35,
  }));
  for (const platform of ["instagram", "tiktok"] as const) {
    if (dmsPerMinute[platform] > 0) {
      streams.push({ post: null, platform, kind: "dm", ratePerMinute: (m) => dmsPerMinute[platform] * dailyRhythm(m), labelMix: () => DM_MIX });
    }
  }
  return { posts, streams };
}
