import { describe, expect, it } from "vitest";
import { PLAYBOOK_SLA_POLICIES, businessCalendarSchema, type BusinessCalendar } from "@surgedesk/shared";
import { addBusinessTime, businessTimeBetween } from "./business-clock.ts";
import { choosePolicy, resumedDeadline, slaDeadlines, type SlaFacts } from "./sla-deadlines.ts";

const HOUR = 3_600_000;
const nineToSix = [{ start: "09:00", end: "18:00" }];
const weekdays = (timeZone: string, holidays: string[] = []): BusinessCalendar => ({
  timeZone,
  week: [nineToSix, nineToSix, nineToSix, nineToSix, nineToSix, [], []],
  holidays,
});
const everyDay = (timeZone: string, hours = nineToSix): BusinessCalendar => ({ timeZone, week: Array.from({ length: 7 }, () => hours), holidays: [] });
const at = (iso: string) => new Date(iso);

describe("business time", () => {
  it("skips the weekend: 2 h from Friday 17:00 in Madrid is Monday 10:00", () => {
    // 2026-11-27 is a Friday; Madrid is UTC+1 in winter.
    const due = addBusinessTime(at("2026-11-27T17:00:00+01:00"), 2 * HOUR, weekdays("Europe/Madrid"));
    expect(due.toISOString()).toBe("2026-11-30T09:00:00.000Z");
    expect(businessTimeBetween(at("2026-11-27T17:00:00+01:00"), due, weekdays("Europe/Madrid"))).toBe(2 * HOUR);
  });

  it("starts the clock at the next opening for a message written at night", () => {
    const due = addBusinessTime(at("2026-11-25T23:30:00+01:00"), 30 * 60_000, weekdays("Europe/Madrid"));
    expect(due.toISOString()).toBe("2026-11-26T08:30:00.000Z"); // Thursday 09:30 local
  });

  it("keeps wall-clock hours across the spring-forward change in Europe", () => {
    // Madrid moves from UTC+1 to UTC+2 at 02:00 on Sunday 2026-03-29.
    const due = addBusinessTime(at("2026-03-28T17:00:00+01:00"), 2 * HOUR, everyDay("Europe/Madrid"));
    expect(due.toISOString()).toBe("2026-03-29T08:00:00.000Z"); // Sunday 10:00 local, now UTC+2
    // Open around the clock, the short day holds 23 hours: business time is real elapsed time.
    const allDay = everyDay("Europe/Madrid", [{ start: "00:00", end: "24:00" }]);
    expect(businessTimeBetween(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00"), allDay)).toBe(23 * HOUR);
    expect(addBusinessTime(at("2026-03-29T00:00:00+01:00"), 24 * HOUR, allDay).toISOString()).toBe("2026-03-29T23:00:00.000Z");
  });

  it("keeps wall-clock hours across the spring-forward change in America", () => {
    // New York moves from UTC-5 to UTC-4 on Sunday 2026-03-08; Friday 17:00 EST + 2 h → Monday 10:00 EDT.
    const due = addBusinessTime(at("2026-03-06T17:00:00-05:00"), 2 * HOUR, weekdays("America/New_York"));
    expect(due.toISOString()).toBe("2026-03-09T14:00:00.000Z");
  });

  it("keeps wall-clock hours across the fall-back change in America", () => {
    // New York moves from UTC-4 back to UTC-5 on Sunday 2026-11-01; Friday 17:00 EDT + 2 h → Monday 10:00 EST.
    const due = addBusinessTime(at("2026-10-30T17:00:00-04:00"), 2 * HOUR, weekdays("America/New_York"));
    expect(due.toISOString()).toBe("2026-11-02T15:00:00.000Z");
    const allDay = everyDay("America/New_York", [{ start: "00:00", end: "24:00" }]);
    expect(businessTimeBetween(at("2026-11-01T00:00:00-04:00"), at("2026-11-02T00:00:00-05:00"), allDay)).toBe(25 * HOUR);
  });

  it("skips a holiday", () => {
    // Thursday 2026-12-24 17:00 in Madrid; Friday the 25th is a holiday, then the weekend.
    const calendar = weekdays("Europe/Madrid", ["2026-12-25"]);
    const due = addBusinessTime(at("2026-12-24T17:00:00+01:00"), 2 * HOUR, calendar);
    expect(due.toISOString()).toBe("2026-12-28T09:00:00.000Z");
    expect(addBusinessTime(at("2026-12-24T17:00:00+01:00"), 2 * HOUR, weekdays("Europe/Madrid")).toISOString()).toBe("2026-12-25T09:00:00.000Z");
  });

  it("handles split days (a lunch break)", () => {
    const calendar = everyDay("UTC", [
      { start: "09:00", end: "13:00" },
      { start: "14:00", end: "18:00" },
    ]);
    expect(addBusinessTime(at("2026-06-01T12:00:00Z"), 2 * HOUR, calendar).toISOString()).toBe("2026-06-01T15:00:00.000Z");
  });
});

describe("business calendar contract", () => {
  it("refuses unknown zones, reversed or overlapping intervals and a week with no hours", () => {
    expect(businessCalendarSchema.safeParse(weekdays("Europe/Madrid")).success).toBe(true);
    expect(businessCalendarSchema.safeParse(weekdays("Mars/Olympus")).success).toBe(false);
    expect(businessCalendarSchema.safeParse({ ...weekdays("UTC"), week: [[{ start: "18:00", end: "09:00" }], [], [], [], [], [], []] }).success).toBe(false);
    const overlapping = [{ start: "09:00", end: "13:00" }, { start: "12:00", end: "18:00" }];
    expect(businessCalendarSchema.safeParse({ ...weekdays("UTC"), week: [overlapping, [], [], [], [], [], []] }).success).toBe(false);
    expect(businessCalendarSchema.safeParse({ ...weekdays("UTC"), week: [[], [], [], [], [], [], []] }).success).toBe(false);
    expect(businessCalendarSchema.safeParse({ ...weekdays("UTC"), holidays: ["2026-02-30"] }).success).toBe(false);
  });
});

describe("SLA policies", () => {
  const facts = (overrides: Partial<SlaFacts>): SlaFacts => ({ direction: "inbound", kind: "comment", platform: "tiktok", label: "order_status", escalationLevel: "low", ...overrides });
  const settings = { policies: PLAYBOOK_SLA_POLICIES, calendar: weekdays("Europe/Madrid") };
  const written = at("2026-11-25T10:00:00Z");

  it("gives the playbook's targets: high-risk public comments 1 h, DMs 12 h/24 h, praise none, the rest the default", () => {
    const high = slaDeadlines(facts({ escalationLevel: "high" }), written, settings);
    expect(high).toEqual({ slaPolicyId: "high-public", slaWarningAt: at("2026-11-25T10:30:00Z"), slaBreachAt: at("2026-11-25T11:00:00Z") });
    const dm = slaDeadlines(facts({ kind: "dm" }), written, settings);
    expect(dm).toEqual({ slaPolicyId: "dm", slaWarningAt: at("2026-11-25T22:00:00Z"), slaBreachAt: at("2026-11-26T10:00:00Z") });
    expect(slaDeadlines(facts({ label: "praise", escalationLevel: "high" }), written, settings)).toEqual({ slaPolicyId: "no-sla-praise-spam", slaWarningAt: null, slaBreachAt: null });
    expect(slaDeadlines(facts({}), written, settings).slaPolicyId).toBe("default");
    expect(slaDeadlines(facts({ direction: "outbound" }), written, settings).slaPolicyId).toBeNull();
  });

  it("takes the first policy that matches, in order, and a platform when given", () => {
    const set = {
      ...PLAYBOOK_SLA_POLICIES,
      policies: [
        { id: "ig-dm", name: "Instagram DMs", match: { kinds: ["dm" as const], platforms: ["instagram" as const] }, targets: { warningMinutes: 60, breachMinutes: 120 }, businessHoursOnly: true },
        ...PLAYBOOK_SLA_POLICIES.policies,
      ],
    };
    expect(choosePolicy(set, facts({ kind: "dm", platform: "instagram" })).id).toBe("ig-dm");
    expect(choosePolicy(set, facts({ kind: "dm", platform: "tiktok" })).id).toBe("dm");
    // An unclassified message matches no label list.
    expect(choosePolicy(set, facts({ label: null })).id).toBe("default");
  });

  it("counts business hours only when the policy says so", () => {
    const business = { ...settings, policies: { ...PLAYBOOK_SLA_POLICIES, default: { targets: { warningMinutes: 60, breachMinutes: 120 }, businessHoursOnly: true } } };
    const friday = at("2026-11-27T16:30:00Z"); // 17:30 in Madrid
    expect(slaDeadlines(facts({}), friday, business)).toEqual({
      slaPolicyId: "default",
      slaWarningAt: at("2026-11-30T08:30:00Z"), // Monday 09:30 local
      slaBreachAt: at("2026-11-30T09:30:00Z"),
    });
  });
});

describe("pausing the clock while snoozed", () => {
  const aroundTheClock = { businessHoursOnly: false };
  const calendar = weekdays("Europe/Madrid");

  it("moves a deadline on by the time the clock was stopped", () => {
    const breach = at("2026-11-26T10:00:00Z");
    const resumed = resumedDeadline(breach, at("2026-11-25T20:00:00Z"), at("2026-11-26T01:00:00Z"), aroundTheClock, calendar);
    expect(resumed?.toISOString()).toBe("2026-11-26T15:00:00.000Z");
  });

  it("keeps what was left of the business time", () => {
    // Paused Friday 17:00 local with 2 business hours left (due Monday 10:00); woken Monday 09:30 → 11:30.
    const breach = at("2026-11-30T09:00:00Z");
    const resumed = resumedDeadline(breach, at("2026-11-27T16:00:00Z"), at("2026-11-30T08:30:00Z"), { businessHoursOnly: true }, calendar);
    expect(resumed?.toISOString()).toBe("2026-11-30T10:30:00.000Z");
  });

  it("leaves a deadline already passed when the clock stopped, and no deadline at all", () => {
    const breach = at("2026-11-25T10:00:00Z");
    expect(resumedDeadline(breach, at("2026-11-25T12:00:00Z"), at("2026-11-26T12:00:00Z"), aroundTheClock, calendar)).toEqual(breach);
    expect(resumedDeadline(null, at("2026-11-25T12:00:00Z"), at("2026-11-26T12:00:00Z"), aroundTheClock, calendar)).toBeNull();
  });
});
