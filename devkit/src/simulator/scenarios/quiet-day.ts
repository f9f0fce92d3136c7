import { backgroundTraffic } from "./background.ts";
import type { Scenario, TrafficStream } from "./scenario.ts";
import { dailyRhythm, QUIET_COMMENT_MIX } from "./traffic-shapes.ts";

/**
 * A quiet day: 200 posts (120 Instagram, 80 TikTok) following the daily rhythm, with threads
 * and DMs, and no surge at all. Every alert here is a false alert. Most posts draw a comment an
 * hour or less; ten recent ones start at 2–6 a minute and dwindle through the day, so that the
 * busy series the detector really tests are there too. 26 hours: two to learn baselines, then
 * the judged day.
 */
export function quietDay(): Scenario {
  const background = backgroundTraffic({ instagramPosts: 115, tiktokPosts: 75, seed: 11 });
  const recent = Array.from({ length: 10 }, (_, i) => ({
    key: i < 5 ? `ig-new-${i + 1}` : `tt-new-${i - 4}`,
    platform: i < 5 ? ("instagram" as const) : ("tiktok" as const),
    caption: `New post ${i + 1}`,
    startRate: 2 + (4 * i) / 9,
  }));
  const posts = [...background.posts, ...recent.map(({ key, platform, caption }) => ({ key, platform, caption }))];
  const streams: TrafficStream[] = [
    ...background.streams,
    ...recent.map((r) => ({
      post: r.key,
      platform: r.platform,
      kind: "comment" as const,
      // Comments on a new post dwindle: half the rate after six hours, a third after twelve.
      ratePerMinute: (m: number) => (r.startRate * dailyRhythm(m)) / (1 + m / 360),
      labelMix: () => QUIET_COMMENT_MIX,
      replyRate: 0.35,
    })),
  ];
  return {
    name: "quiet-day",
    description: "200 posts on an ordinary day (daily rhythm, comment threads, DMs), no surge",
    durationMinutes: 26 * 60,
    warmupMinutes: 120,
    posts,
    campaigns: [
      { name: "Evergreen reels", posts: posts.filter((p) => p.platform === "instagram").slice(0, 12).map((p) => p.key) },
      { name: "Creator: @nina.skin", creatorHandle: "nina.skin", posts: posts.filter((p) => p.platform === "tiktok").slice(0, 8).map((p) => p.key) },
    ],
    streams,
    surges: [],
  };
}
