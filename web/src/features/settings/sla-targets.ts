import type { SlaTargets } from "@surgedesk/shared";

/** What an admin types for one target: hours and minutes, as typed. */
export interface DurationDraft {
  hours: string;
  minutes: string;
}
export interface TargetDraft {
  warning: DurationDraft;
  breach: DurationDraft;
}

/** The API's bounds: at least a minute, at most 30 days. */
const MAX_MINUTES = 30 * 24 * 60;

export function splitMinutes(total: number): DurationDraft {
  return { hours: String(Math.floor(total / 60)), minutes: String(total % 60) };
}

export function minutesInWords(total: number): string {
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const h = hours === 1 ? "1 hour" : `${hours} hours`;
  const m = minutes === 1 ? "1 minute" : `${minutes} minutes`;
  if (!hours) return m;
  return minutes ? `${h} ${m}` : h;
}

function toMinutes(draft: DurationDraft): number | string {
  const hours = draft.hours.trim() === "" ? 0 : Number(draft.hours);
  const minutes = draft.minutes.trim() === "" ? 0 : Number(draft.minutes);
  if (!Number.isInteger(hours) || hours < 0) return "Hours must be a whole number, 0 or more.";
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 59) return "Minutes must be a whole number from 0 to 59.";
  const total = hours * 60 + minutes;
  if (total < 1) return "Set at least 1 minute.";
  if (total > MAX_MINUTES) return "Set at most 30 days (720 hours).";
  return total;
}

/** The targets the draft means, or what is wrong with it, said per field. */
export function targetProblems(draft: TargetDraft): { targets: SlaTargets | null; problems: Partial<Record<"warning" | "breach", string>> } {
  const warning = toMinutes(draft.warning);
  const breach = toMinutes(draft.breach);
  const problems: Partial<Record<"warning" | "breach", string>> = {};
  if (typeof warning === "string") problems.warning = warning;
  if (typeof breach === "string") problems.breach = breach;
  if (typeof warning === "number" && typeof breach === "number") {
    if (warning >= breach) problems.warning = "“Due soon” must come before “late”: make it shorter than the breach time.";
    else return { targets: { warningMinutes: warning, breachMinutes: breach }, problems };
  }
  return { targets: null, problems };
}
