import { formatDuration } from "@surgedesk/shared";

export const percent = (share: number) => `${Math.round(share * 100)}%`;

export function responseTime(seconds: number | null): string {
  if (seconds === null) return "–";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  return formatDuration(seconds / 60);
}

export const WINDOWS = [
  { minutes: 60, title: "1 h" },
  { minutes: 360, title: "6 h" },
  { minutes: 1440, title: "24 h" },
  { minutes: 10080, title: "7 d" },
] as const;

const plurals = new Intl.PluralRules(undefined);
const numbers = new Intl.NumberFormat(undefined);

/** The word for `n` things, in the right number: "message" for 1, "messages" otherwise. */
export const noun = (n: number, one: string, other: string) => (plurals.select(n) === "one" ? one : other);

/** "1 message", "3 messages": a count with the word it counts, in the right number. */
export function count(n: number, one: string, other: string): string {
  return `${numbers.format(n)} ${noun(n, one, other)}`;
}

/** A rate per minute as every part of the page shows it: one decimal, in the viewer's locale. */
export const perMinute = (rate: number) => new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate);

const clock = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** "14:05" (or "2:05 PM"): a time of day in the viewer's locale and time zone. */
export const clockTime = (iso: string) => clock.format(new Date(iso));
/** A full date and time in the viewer's locale and time zone. */
export const fullDateTime = (iso: string) => dateTime.format(new Date(iso));

/** "the last 5 complete minutes (14:00–14:05)": what every "now" figure on the page covers. */
export function currentWindowText(window: { minutes: number; from: string; to: string }): string {
  return `the last ${count(window.minutes, "complete minute", "complete minutes")} (${clockTime(window.from)}–${clockTime(window.to)})`;
}
