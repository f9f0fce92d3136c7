import { WEEKDAYS, type BusinessCalendar, type SlaPolicySet, type SlaTargets } from "@surgedesk/shared";

/**
 * The SLA settings as the audit log keeps them: flat fields in words (the log shows each changed
 * field as "before → after"), the default's targets as numbers the console words as durations.
 */
const targetsInWords = (targets: SlaTargets | null, businessHoursOnly: boolean) =>
  targets ? `${targets.warningMinutes}/${targets.breachMinutes} min${businessHoursOnly ? ", business hours" : ""}` : "no SLA";

export function policySetForAudit(set: SlaPolicySet): Record<string, string | number | null> {
  return {
    policies: set.policies.map((p) => `${p.name} (${targetsInWords(p.targets, p.businessHoursOnly)})`).join("; ") || "none",
    warningMinutes: set.default.targets?.warningMinutes ?? null,
    breachMinutes: set.default.targets?.breachMinutes ?? null,
    businessHoursOnly: set.default.businessHoursOnly ? "yes" : "no",
  };
}

export function calendarForAudit(calendar: BusinessCalendar): Record<string, string> {
  return {
    timeZone: calendar.timeZone,
    hours: calendar.week.map((day, i) => `${WEEKDAYS[i]!.slice(0, 3)} ${day.map((h) => `${h.start}–${h.end}`).join(", ") || "closed"}`).join("; "),
    holidays: calendar.holidays.join(", ") || "none",
  };
}
