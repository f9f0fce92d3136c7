import { z } from "zod";
import { ESCALATION_LEVELS, LABELS, escalationLevelSchema, labelSchema } from "./labels.ts";
import { MESSAGE_KINDS, messageKindSchema, type MessageStatus } from "./message.ts";
import { PLATFORMS, platformSchema } from "./platform.ts";

/** Statuses that stop an item's SLA clock: waiting on the customer, or on a time. */
export const SLA_PAUSED_STATUSES: readonly MessageStatus[] = ["pending", "snoozed"];

/** The longest target a policy may set: the queue tallies read deadline buckets this far ahead. */
export const SLA_MAX_MINUTES = 30 * 24 * 60;

/** First-response targets: buyers expect an answer within 12–24 hours. */
export const SLA_DEFAULTS = { warningMinutes: 12 * 60, breachMinutes: 24 * 60 } as const;

/** When a waiting customer's message is due soon (warning) and late (breach), from its arrival. */
export const slaTargetsSchema = z
  .object({
    warningMinutes: z.number().int().min(1).max(SLA_MAX_MINUTES),
    breachMinutes: z.number().int().min(1).max(SLA_MAX_MINUTES),
  })
  .refine((targets) => targets.warningMinutes < targets.breachMinutes, {
    message: "The warning must come before the breach.",
    path: ["warningMinutes"],
  });
export type SlaTargets = z.infer<typeof slaTargetsSchema>;

/**
 * Which messages a policy is for. Each list left out (or empty) matches anything; a message
 * matches when it is in every list given. `kinds` is the channel: a public comment or a DM.
 */
export const slaMatchSchema = z
  .object({
    escalationLevels: z.array(escalationLevelSchema).max(ESCALATION_LEVELS.length).optional(),
    kinds: z.array(messageKindSchema).max(MESSAGE_KINDS.length).optional(),
    platforms: z.array(platformSchema).max(PLATFORMS.length).optional(),
    labels: z.array(labelSchema).max(LABELS.length).optional(),
  })
  .strict();
export type SlaMatch = z.infer<typeof slaMatchSchema>;

/** What a policy does to the messages it matches. */
const slaTermsShape = {
  /** null: no SLA — no timer at all (praise, spam). */
  targets: slaTargetsSchema.nullable(),
  /** The clock runs only within the workspace's business hours (not at night, weekends, holidays). */
  businessHoursOnly: z.boolean(),
};

export const slaPolicySchema = z
  .object({
    id: z.string().trim().regex(/^[a-z0-9_-]{1,40}$/, "Use 1–40 lowercase letters, digits, '-' or '_'."),
    name: z.string().trim().min(1).max(80),
    match: slaMatchSchema,
    ...slaTermsShape,
  })
  .strict()
  .meta({ id: "SlaPolicy" });
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export const SLA_DEFAULT_POLICY_ID = "default";

/**
 * A workspace's policies: tried in order, the first whose match fits a message sets its timer;
 * a message no policy matches gets the default's.
 */
export const slaPolicySetSchema = z
  .object({
    policies: z.array(slaPolicySchema).max(50),
    default: z.object(slaTermsShape).strict(),
    /**
     * How long a buyer must wait for an answer before the platform lets them escalate to it
     * (TikTok Shop: 72 h after their message), shown beside the timer; null: not shown.
     */
    platformEscalationMinutes: z.number().int().min(1).max(SLA_MAX_MINUTES).nullable(),
  })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.policies.forEach((policy, index) => {
      if (policy.id === SLA_DEFAULT_POLICY_ID || seen.has(policy.id)) {
        ctx.addIssue({ code: "custom", message: `The id "${policy.id}" is already used.`, path: ["policies", index, "id"] });
      }
      seen.add(policy.id);
    });
  })
  .meta({ id: "SlaPolicySet" });
export type SlaPolicySet = z.infer<typeof slaPolicySetSchema>;

/**
 * The policies the support playbook implies, for a workspace whose admins have not set any:
 * customers expect a first answer within 12–24 hours, escalations much faster (a high-risk public
 * comment is seen by everyone, so within the hour), praise and spam need no answer on a clock.
 */
export const PLAYBOOK_SLA_POLICIES: SlaPolicySet = {
  policies: [
    { id: "no-sla-praise-spam", name: "Praise and spam: no SLA", match: { labels: ["praise", "spam_scam"] }, targets: null, businessHoursOnly: false },
    {
      id: "high-public",
      name: "High risk, public comment",
      match: { escalationLevels: ["high"], kinds: ["comment"] },
      targets: { warningMinutes: 30, breachMinutes: 60 },
      businessHoursOnly: false,
    },
    {
      id: "high-dm",
      name: "High risk, DM",
      match: { escalationLevels: ["high"], kinds: ["dm"] },
      targets: { warningMinutes: 2 * 60, breachMinutes: 4 * 60 },
      businessHoursOnly: false,
    },
    {
      id: "medium",
      name: "Medium risk",
      match: { escalationLevels: ["medium"] },
      targets: { warningMinutes: 4 * 60, breachMinutes: 8 * 60 },
      businessHoursOnly: false,
    },
    { id: "dm", name: "DMs", match: { kinds: ["dm"] }, targets: { warningMinutes: 12 * 60, breachMinutes: 24 * 60 }, businessHoursOnly: false },
  ],
  default: { targets: { ...SLA_DEFAULTS }, businessHoursOnly: false },
  platformEscalationMinutes: 72 * 60,
};

/** "09:00": a wall-clock time in the workspace's time zone; "24:00" ends a day. */
const wallTimeSchema = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "Use HH:MM (00:00–24:00).");
export const businessIntervalSchema = z
  .object({ start: wallTimeSchema, end: wallTimeSchema })
  .strict()
  .refine((interval) => interval.start < interval.end, { message: "The end must come after the start.", path: ["end"] });
export type BusinessInterval = z.infer<typeof businessIntervalSchema>;

/** Whether the runtime knows this IANA zone ("Europe/Madrid"); "UTC" too. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Monday first, as in ISO weeks. */
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/**
 * When the team works: a time zone, each weekday's open intervals (Monday first) and the
 * holidays (local dates) on which it does not. Policies with `businessHoursOnly` count only this time.
 */
export const businessCalendarSchema = z
  .object({
    timeZone: z.string().trim().min(1).max(64).refine(isTimeZone, "Unknown time zone: use an IANA name such as Europe/Madrid."),
    week: z
      .array(
        z
          .array(businessIntervalSchema)
          .max(4)
          .refine((day) => day.every((interval, i) => i === 0 || day[i - 1]!.end <= interval.start), "Intervals must be in order and not overlap."),
      )
      .length(7),
    holidays: z.array(z.iso.date()).max(366),
  })
  .strict()
  .refine((calendar) => calendar.week.some((day) => day.length > 0), { message: "Open at least one interval a week.", path: ["week"] })
  .meta({ id: "BusinessCalendar" });
export type BusinessCalendar = z.infer<typeof businessCalendarSchema>;

const nineToSix = [{ start: "09:00", end: "18:00" }];
/** Until an admin sets them: weekdays 9–18, UTC, no holidays. */
export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = {
  timeZone: "UTC",
  week: [nineToSix, nineToSix, nineToSix, nineToSix, nineToSix, [], []],
  holidays: [],
};

/**
 * - `ok`, `warning`, `breached`: a customer is waiting for a first answer, for that long;
 * - `paused`: waiting, but the clock is stopped (pending on the customer, or snoozed);
 * - `met`: the brand answered (in time or not: `late` says which);
 * - `none`: no timer — the brand's own message, no SLA for its kind, or closed without needing an answer.
 */
export type SlaState = "ok" | "warning" | "breached" | "paused" | "met" | "late" | "none";

/** A message's stored deadlines (set at ingest and relabel from the policy that matched it). */
export interface SlaSubject {
  direction: "inbound" | "outbound";
  status: MessageStatus;
  firstResponseAt: string | null;
  slaWarningAt: string | null;
  slaBreachAt: string | null;
}

export interface SlaTimer {
  state: SlaState;
  /** When the warning and the breach come (or came); null without a timer. */
  warningAt: Date | null;
  breachAt: Date | null;
}

/** Where a message's first-response timer stands. The API counts by the same rule in SQL. */
export function slaTimer(message: SlaSubject, now: number = Date.now()): SlaTimer {
  const warningAt = message.slaWarningAt ? new Date(message.slaWarningAt) : null;
  const breachAt = message.slaBreachAt ? new Date(message.slaBreachAt) : null;
  if (message.direction !== "inbound" || !warningAt || !breachAt) return { state: "none", warningAt, breachAt };
  if (message.firstResponseAt) {
    const late = new Date(message.firstResponseAt).getTime() >= breachAt.getTime();
    return { state: late ? "late" : "met", warningAt, breachAt };
  }
  if (message.status === "closed") return { state: "none", warningAt, breachAt };
  if (SLA_PAUSED_STATUSES.includes(message.status)) return { state: "paused", warningAt, breachAt };
  const state = now >= breachAt.getTime() ? "breached" : now >= warningAt.getTime() ? "warning" : "ok";
  return { state, warningAt, breachAt };
}
