import { backgroundTraffic } from "./background.ts";
import type { Scenario } from "./scenario.ts";
import { blendMix, DM_MIX, QUIET_COMMENT_MIX, ramp, VIRAL_COMMENT_MIX } from "./traffic-shapes.ts";

export const VIRAL_POST = "tt-viral";

/**
 * A TikTok video takes off: from 2 comments a minute to 10× in five minutes at minute 60, held
 * for 45 minutes, then easing. As it spreads, "where is my order" and creator-code confusion
 * take over its comments, and WISMO DMs to the shop climb with it.
 */
export function viralTikTok(): Scenario {
  const background = backgroundTraffic({ instagramPosts: 12, tiktokPosts: 8, seed: 21 });
  const rate = (m: number) => (m < 60 ? 2 : m < 110 ? ramp(m, 60, 65, 2, 20) : ramp(m, 110, 140, 20, 3));
  const mix = (m: number) => blendMix(QUIET_COMMENT_MIX, VIRAL_COMMENT_MIX, ramp(m, 60, 80, 0, 1));
  return {
    name: "viral-tiktok",
    description: "a 10× surge on one TikTok video, with rising where-is-my-order and creator-code confusion",
    durationMinutes: 150,
    warmupMinutes: 30,
    posts: [...background.posts, { key: VIRAL_POST, platform: "tiktok", caption: "vitamin C serum is BACK 🍊 code MAYA15" }],
    campaigns: [{ name: "Vitamin C relaunch", creatorHandle: "maya.glow", posts: [VIRAL_POST, "ig-1", "ig-2"] }],
    streams: [
      ...background.streams,
      { post: VIRAL_POST, platform: "tiktok", kind: "comment", ratePerMinute: rate, labelMix: mix, replyRate: 0.3, replySameLabel: 0.6 },
      { post: null, platform: "tiktok", kind: "dm", ratePerMinute: (m) => ramp(m, 65, 90, 0, 2.5), labelMix: () => DM_MIX },
    ],
    surges: [{ post: VIRAL_POST, trigger: "volume", startMinute: 60, endMinute: 140, description: "10× viral surge on the TikTok video" }],
  };
}
