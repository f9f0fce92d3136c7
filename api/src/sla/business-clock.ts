import { TZDate } from "@date-fns/tz";
import type { BusinessCalendar } from "@surgedesk/shared";

/**
 * Business-time arithmetic over a workspace's calendar: its weekly open hours are wall-clock
 * times in its IANA time zone, so a day's hours are turned into instants through the zone's rules
 * (@date-fns/tz, which reads them from the runtime's Intl data) — on a DST change day 09:00–18:00
 * is still nine wall hours, whatever the UTC offsets. Pure: no clock, no database.
 */

/** How far ahead a deadline is looked for: a calendar open a few minutes a week still ends. */
const MAX_DAYS = 800;

interface LocalDate {
  year: number;
  month: number; // 0-based, as Date
  day: number;
}

function localDateOf(instant: number, timeZone: string): LocalDate {
  const local = new TZDate(instant, timeZone);
  return { year: local.getFullYear(), month: local.getMonth(), day: local.getDate() };
}

function nextDate({ year, month, day }: LocalDate): LocalDate {
  const next = new Date(Date.UTC(year, month, day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth(), day: next.getUTCDate() };
}

const isoDate = ({ year, month, day }: LocalDate) =>
  `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/** Monday 0 … Sunday 6, as the calendar's week is kept. */
const weekdayOf = ({ year, month, day }: LocalDate) => (new Date(Date.UTC(year, month, day)).getUTCDay() + 6) % 7;

/** The instant a wall-clock "HH:MM" (or "24:00") happens on a local date in the zone. */
function wallInstant(date: LocalDate, time: string, timeZone: string): number {
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return new TZDate(date.year, date.month, date.day, hours, minutes, timeZone).getTime();
}

/** A day's open intervals as instants, none on a holiday. */
function openIntervals(date: LocalDate, calendar: BusinessCalendar, holidays: ReadonlySet<string>): [number, number][] {
  if (holidays.has(isoDate(date))) return [];
  return calendar.week[weekdayOf(date)]!.map(({ start, end }) => [wallInstant(date, start, calendar.timeZone), wallInstant(date, end, calendar.timeZone)]);
}

/**
 * The instant at which `ms` of business time has passed since `from`. Time before the next
 * opening does not count, so a message that arrives at night starts its clock in the morning.
 */
export function addBusinessTime(from: Date, ms: number, calendar: BusinessCalendar): Date {
  const holidays = new Set(calendar.holidays);
  let remaining = ms;
  let date = localDateOf(from.getTime(), calendar.timeZone);
  let last = from.getTime();
  for (let i = 0; i < MAX_DAYS; i++, date = nextDate(date)) {
    for (const [start, end] of openIntervals(date, calendar, holidays)) {
      const begin = Math.max(start, from.getTime());
      if (begin >= end) continue;
      if (remaining <= end - begin) return new Date(begin + remaining);
      remaining -= end - begin;
      last = end;
    }
  }
  // Unreachable for any calendar open at least a minute a week within the 30-day targets.
  return new Date(last + remaining);
}

/** How much business time lies between two instants (negative when `to` comes first). */
export function businessTimeBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  if (to.getTime() < from.getTime()) return -businessTimeBetween(to, from, calendar);
  const holidays = new Set(calendar.holidays);
  let total = 0;
  let date = localDateOf(from.getTime(), calendar.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, date = nextDate(date)) {
    const intervals = openIntervals(date, calendar, holidays);
    for (const [start, end] of intervals) {
      const overlap = Math.min(end, to.getTime()) - Math.max(start, from.getTime());
      if (overlap > 0) total += overlap;
    }
    // The local midnight after this date is past `to`: no later day can overlap.
    if (wallInstant(nextDate(date), "00:00", calendar.timeZone) >= to.getTime()) break;
  }
  return total;
}
