import { backgroundTraffic } from "./background.ts";
import type { Scenario } from "./scenario.ts";
import { blendMix, QUIET_COMMENT_MIX } from "./traffic-shapes.ts";

const HERO = "ig-share";
const ISSUES = { order_status: 40, not_received: 12, promo_confusion: 20, praise: 12, product_question: 10, other: 6 };

/**
 * For the bar "a surge of the issue share at constant volume is caught": a reel keeps its 10
 * comments a minute, but from minute 70 most of them are order problems and promo confusion.
 */
export function shareSurge(): Scenario {
  const background = backgroundTraffic({ instagramPosts: 16, tiktokPosts: 4, seed: 61 });
  return {
    name: "share-surge",
    description: "a reel at a constant 10 comments a minute whose issue share jumps from ~28% to ~85%",
    durationMinutes: 130,
    warmupMinutes: 30,
    posts: [...background.posts, { key: HERO, platform: "instagram", caption: "restock day" }],
    campaigns: [],
    streams: [
      ...background.streams,
      {
        post: HERO,
        platform: "instagram",
        kind: "comment",
        ratePerMinute: () => 10,
        labelMix: (m) => (m >= 70 && m < 100 ? blendMix(QUIET_COMMENT_MIX, ISSUES, 1) : QUIET_COMMENT_MIX),
        replyRate: 0,
      },
    ],
    surges: [{ post: HERO, trigger: "issue_share", startMinute: 70, endMinute: 100, description: "issue share ~28% → ~85% at 10/min" }],
  };
}
