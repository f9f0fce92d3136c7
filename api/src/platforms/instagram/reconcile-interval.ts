const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How long to wait after a complete pass over a media's comments before the next one. Comments
 * pile up in the first hours of a post and trickle in afterwards; webhooks deliver them live,
 * so a pass only gathers what a webhook missed (Surgedesk down, a dropped delivery). Fresh
 * posts are reconciled often, old ones rarely. An unknown age counts as a few days old.
 */
export function reconcileIntervalMs(mediaCreatedAt: Date | null, now: Date): number {
  const age = mediaCreatedAt ? now.getTime() - mediaCreatedAt.getTime() : 3 * 24 * HOUR;
  if (age < HOUR) return MINUTE;
  if (age < 24 * HOUR) return 5 * MINUTE;
  if (age < 7 * 24 * HOUR) return 30 * MINUTE;
  return 6 * HOUR;
}

/** The account's media list is re-read this often to find new posts. */
export const MEDIA_LIST_INTERVAL_MS = 15 * MINUTE;
