import {
  SLA_DEFAULT_POLICY_ID,
  type BusinessCalendar,
  type EscalationLevel,
  type Label,
  type MessageDirection,
  type MessageKind,
  type Platform,
  type SlaPolicySet,
  type SlaTargets,
} from "@surgedesk/shared";
import { addBusinessTime, businessTimeBetween } from "./business-clock.ts";

/** What a policy is chosen by. */
export interface SlaFacts {
  direction: MessageDirection;
  kind: MessageKind;
  platform: Platform;
  label: Label | null;
  escalationLevel: EscalationLevel | null;
}

/** A workspace's policies and calendar: all a deadline is computed from. */
export interface SlaSettings {
  policies: SlaPolicySet;
  calendar: BusinessCalendar;
}

export interface ChosenPolicy {
  id: string;
  targets: SlaTargets | null;
  businessHoursOnly: boolean;
}

/** The deadlines a message is stored with (messages.sla_*); all null for no timer. */
export interface SlaDeadlines {
  slaPolicyId: string | null;
  slaWarningAt: Date | null;
  slaBreachAt: Date | null;
}

const fits = <T>(allowed: readonly T[] | undefined, value: T | null) => !allowed || allowed.length === 0 || (value !== null && allowed.includes(value));

/** The first policy whose match fits the message, else the default. */
export function choosePolicy(set: SlaPolicySet, facts: SlaFacts): ChosenPolicy {
  const policy = set.policies.find(
    ({ match }) =>
      fits(match.escalationLevels, facts.escalationLevel) && fits(match.kinds, facts.kind) && fits(match.platforms, facts.platform) && fits(match.labels, facts.label),
  );
  return policy ?? { id: SLA_DEFAULT_POLICY_ID, ...set.default };
}

/** The clock's own arithmetic: business time, or plain time around the clock. */
function advance(from: Date, ms: number, policy: Pick<ChosenPolicy, "businessHoursOnly">, calendar: BusinessCalendar): Date {
  return policy.businessHoursOnly ? addBusinessTime(from, ms, calendar) : new Date(from.getTime() + ms);
}

/**
 * A customer's message's first-response deadlines from the policy it matches, counted from when
 * it was written. The brand's own messages have none.
 */
export function slaDeadlines(facts: SlaFacts, createdAt: Date, settings: SlaSettings): SlaDeadlines {
  if (facts.direction !== "inbound") return { slaPolicyId: null, slaWarningAt: null, slaBreachAt: null };
  const policy = choosePolicy(settings.policies, facts);
  if (!policy.targets) return { slaPolicyId: policy.id, slaWarningAt: null, slaBreachAt: null };
  return {
    slaPolicyId: policy.id,
    slaWarningAt: advance(createdAt, policy.targets.warningMinutes * 60_000, policy, settings.calendar),
    slaBreachAt: advance(createdAt, policy.targets.breachMinutes * 60_000, policy, settings.calendar),
  };
}

/**
 * The deadlines once a paused clock runs again: each moves on by the (business) time the clock was
 * stopped, so what was left of it when paused is what is left now. A deadline already passed when
 * the clock stopped stays where it was.
 */
export function resumedDeadline(deadline: Date | null, pausedAt: Date, resumedAt: Date, policy: Pick<ChosenPolicy, "businessHoursOnly">, calendar: BusinessCalendar): Date | null {
  if (!deadline || deadline.getTime() <= pausedAt.getTime() || resumedAt.getTime() <= pausedAt.getTime()) return deadline;
  const left = policy.businessHoursOnly ? businessTimeBetween(pausedAt, deadline, calendar) : deadline.getTime() - pausedAt.getTime();
  return advance(resumedAt, left, policy, calendar);
}
