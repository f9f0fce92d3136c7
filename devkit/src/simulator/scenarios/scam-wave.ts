import { backgroundTraffic } from "./background.ts";
import type { Scenario } from "./scenario.ts";

const TARGETS = ["ig-1", "ig-2", "ig-3", "ig-4"];

/**
 * A bot network drops scam links ("DM me to earn", fake giveaways) under four Instagram posts
 * for twelve minutes from minute 45: sudden, bursty, one label.
 */
export function scamWave(): Scenario {
  const background = backgroundTraffic({ instagramPosts: 30, tiktokPosts: 10, seed: 31 });
  return {
    name: "scam-wave",
    description: "a scam-link bot wave under four Instagram posts",
    durationMinutes: 90,
    warmupMinutes: 30,
    posts: background.posts,
    campaigns: [],
    streams: [
      ...background.streams,
      ...TARGETS.map((post, i) => ({
        post,
        platform: "instagram" as const,
        kind: "comment" as const,
        // Bots post in bursts: on for 40 s of every minute.
        ratePerMinute: (m: number) => (m >= 45 + i && m < 57 + i && m % 1 < 0.67 ? 30 : 0),
        labelMix: () => ({ spam_scam: 1 }),
      })),
    ],
    surges: TARGETS.map((post, i) => ({ post, trigger: "volume" as const, startMinute: 45 + i, endMinute: 57 + i, description: "scam-link bot wave" })),
  };
}
