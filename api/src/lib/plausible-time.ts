/** No platform Surgedesk reads existed before this: an older time is a zero or a unit mix-up. */
const EARLIEST = Date.UTC(2010, 0, 1);
/** Clocks drift and time zones get mixed up; more than a day ahead is not a real time. */
const FUTURE_SLACK_MS = 24 * 3_600_000;

export const IMPLAUSIBLE_TIME_MESSAGE = "is not a plausible time (before 2010, more than a day ahead, or not a number)";

/**
 * Whether a platform's timestamp can be a real time: checked when a delivery arrives, so a
 * year-1970 or far-future value is refused with a 400 instead of being stored and failing later.
 */
export function isPlausibleTime(at: Date, now: Date = new Date()): boolean {
  const ms = at.getTime();
  return Number.isFinite(ms) && ms >= EARLIEST && ms <= now.getTime() + FUTURE_SLACK_MS;
}
