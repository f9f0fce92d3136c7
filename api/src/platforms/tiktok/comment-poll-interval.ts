const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How long until a video's comments are polled again. Comments come in right after a video is
 * published and dwindle after: fresh videos are polled every minute, week-old ones every six
 * hours. A video whose newest comment is recent counts as fresh too (an old video going viral
 * again is polled like a new one).
 */
export function commentPollInterval(publishedAt: Date | null, lastCommentAt: Date | null, now: Date): number {
  const times = [publishedAt, lastCommentAt].filter((d): d is Date => d !== null).map((d) => d.getTime());
  if (times.length === 0) return 30 * MINUTE;
  const age = now.getTime() - Math.max(...times);
  if (age < HOUR) return MINUTE;
  if (age < 24 * HOUR) return 5 * MINUTE;
  if (age < 7 * 24 * HOUR) return 30 * MINUTE;
  return 6 * HOUR;
}
