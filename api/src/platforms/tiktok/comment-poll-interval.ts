const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How long until a video's comments are polled again. Comments come in right after a video is
 * published and dwindle after: fresh videos are polled every minute, week-old ones every six
 * hours. A video whose newest comment is recent counts as fresh too (an old video going viral
 * again is polled like a new one). While the video's comment webhooks are arriving, it is
 * polled no more often than every 15 minutes.
 */
export function commentPollInterval(publishedAt: Date | null, lastCommentAt: Date | null, now: Date, lastPushedAt: Date | null = null): number {
  const interval = intervalByAge(publishedAt, lastCommentAt, now);
  // While TikTok's comment webhooks for the video keep arriving, they bring its news and polling
  // only reconciles (what a lost webhook, or a reply TikTok held back, leaves behind): it rests longer.
  const pushedLately = lastPushedAt !== null && now.getTime() - lastPushedAt.getTime() < PUSHED_LATELY_MS;
  return pushedLately ? Math.max(interval, RECONCILE_INTERVAL_MS) : interval;
}

/** Webhooks for a video within this long count as arriving. */
export const PUSHED_LATELY_MS = HOUR;
/** How often a video whose webhooks arrive is still polled: reconciliation. */
export const RECONCILE_INTERVAL_MS = 15 * MINUTE;

function intervalByAge(publishedAt: Date | null, lastCommentAt: Date | null, now: Date): number {
  const times = [publishedAt, lastCommentAt].filter((d): d is Date => d !== null).map((d) => d.getTime());
  if (times.length === 0) return 30 * MINUTE;
  const age = now.getTime() - Math.max(...times);
  if (age < HOUR) return MINUTE;
  if (age < 24 * HOUR) return 5 * MINUTE;
  if (age < 7 * 24 * HOUR) return 30 * MINUTE;
  return 6 * HOUR;
}
