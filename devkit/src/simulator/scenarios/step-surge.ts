import { backgroundTraffic } from "./background.ts";
import type { Scenario, TrafficStream } from "./scenario.ts";
import { QUIET_COMMENT_MIX } from "./traffic-shapes.ts";

const HEROES = [
  { key: "ig-step-2", base: 2, start: 60 },
  { key: "ig-step-4", base: 4, start: 100 },
  { key: "ig-step-8", base: 8, start: 140 },
];

/**
 * For the bar "a 5× surge raises an alert within 2 minutes": three Instagram posts at 2, 4 and 8
 * comments a minute each jump to 5× for fifteen minutes, at minutes 60, 100 and 140. Their
 * comments draw no reply threads: replies follow their comment by minutes, so with threads a
 * 5× step in comments is only ~4.3× in the post's volume over the first two minutes, and the bar
 * is about the volume. (The background posts and every other scenario keep their threads.)
 */
export function stepSurge(): Scenario {
  const background = backgroundTraffic({ instagramPosts: 16, tiktokPosts: 4, seed: 51 });
  const streams: TrafficStream[] = HEROES.map((h) => ({
    post: h.key,
    platform: "instagram",
    kind: "comment",
    ratePerMinute: (m) => (m >= h.start && m < h.start + 15 ? 5 * h.base : h.base),
    labelMix: () => QUIET_COMMENT_MIX,
  }));
  return {
    name: "step-surge",
    description: "three posts (2, 4, 8 a minute) each jump to 5× for 15 minutes",
    durationMinutes: 180,
    warmupMinutes: 30,
    posts: [...background.posts, ...HEROES.map((h) => ({ key: h.key, platform: "instagram" as const, caption: `${h.base}/min reel` }))],
    campaigns: [],
    streams: [...background.streams, ...streams],
    surges: HEROES.map((h) => ({ post: h.key, trigger: "volume" as const, startMinute: h.start, endMinute: h.start + 15, description: `5× step from ${h.base}/min`, fromPerMinute: h.base, ratio: 5 })),
  };
}
