import { backgroundTraffic } from "./background.ts";
import type { Scenario, TrafficStream } from "./scenario.ts";
import { blendMix, QUIET_COMMENT_MIX, ramp } from "./traffic-shapes.ts";

const SUMMER = ["ig-a1", "ig-a2", "tt-a3", "ig-shared"];
const FLASH = ["ig-b1", "tt-b2", "ig-shared"];

/**
 * Two campaigns overlap: a creator's "Summer drop" lifts its posts 4× from minute 40, then a
 * "Flash sale" lifts its own 6× from minute 70 with a wave of promo-code confusion. One reel is
 * in both, so its load is counted in each campaign.
 */
export function overlappingCampaigns(): Scenario {
  const background = backgroundTraffic({ instagramPosts: 24, tiktokPosts: 8, seed: 41 });
  const campaignPosts = [...new Set([...SUMMER, ...FLASH])].map((key) => ({
    key,
    platform: key.startsWith("tt") ? ("tiktok" as const) : ("instagram" as const),
    caption: `${SUMMER.includes(key) ? "Summer drop" : ""}${FLASH.includes(key) ? " Flash sale" : ""}`.trim(),
  }));
  const summerRate = (m: number) => ramp(m, 40, 50, 1.5, 6);
  const flashRate = (m: number) => ramp(m, 70, 75, 1.5, 9);
  const flashMix = (m: number) => blendMix(QUIET_COMMENT_MIX, { promo_confusion: 45, order_status: 10, praise: 20, product_question: 15, other: 10 }, ramp(m, 70, 75, 0, 1));
  const streams: TrafficStream[] = campaignPosts.map(({ key, platform }) => ({
    post: key,
    platform,
    kind: "comment",
    ratePerMinute: (m) => (SUMMER.includes(key) ? summerRate(m) : 0) + (FLASH.includes(key) ? flashRate(m) : 0) - (key === "ig-shared" ? 1.5 : 0),
    labelMix: (m) => (FLASH.includes(key) ? flashMix(m) : QUIET_COMMENT_MIX),
    replyRate: 0.3,
  }));
  return {
    name: "overlapping-campaigns",
    description: "two campaigns that share a post surge 40 minutes apart, the second with promo-code confusion",
    durationMinutes: 150,
    warmupMinutes: 30,
    posts: [...background.posts, ...campaignPosts],
    campaigns: [
      { name: "Summer drop", creatorHandle: "lia.makeup", posts: SUMMER },
      { name: "Flash sale", posts: FLASH },
    ],
    streams: [...background.streams, ...streams],
    surges: [
      ...SUMMER.map((post) => ({ post, trigger: "volume" as const, startMinute: 40, endMinute: 150, description: "Summer drop 4×" })),
      ...FLASH.map((post) => ({ post, trigger: "volume" as const, startMinute: 70, endMinute: 150, description: "Flash sale 6× with promo confusion" })),
    ],
  };
}
