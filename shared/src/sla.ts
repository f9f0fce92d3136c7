import { z } from "zod";

/** First-response targets: buyers expect an answer within 12–24 hours. */
export const SLA_DEFAULTS = { warningMinutes: 12 * 60, breachMinutes: 24 * 60 } as const;

export const slaPolicySchema = z
  .object({
    warningMinutes: z.number().int().min(1).max(30 * 24 * 60),
    breachMinutes: z.number().int().min(1).max(30 * 24 * 60),
  })
  .refine((policy) => policy.warningMinutes < policy.breachMinutes, {
    message: "The warning must come before the breach.",
    path: ["warningMinutes"],
  });
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

/**
 * - `ok`, `warning`, `breached`: a customer is waiting for a first answer, for that long;
 * - `met`: the brand answered (in time or not: `late` says which);
 * - `none`: no timer — the brand's own message, or closed without needing an answer.
 */
export type SlaState = "ok" | "warning" | "breached" | "met" | "late" | "none";

export interface SlaSubject {
  direction: "inbound" | "outbound";
  status: "open" | "snoozed" | "closed";
  createdAt: string;
  firstResponseAt: string | null;
}

export interface SlaTimer {
  state: SlaState;
  /** When the warning and the breach come (or came). */
  warningAt: Date;
  breachAt: Date;
}

/** Where a message's first-response timer stands. The API counts by the same rule in SQL. */
export function slaTimer(message: SlaSubject, policy: SlaPolicy, now: number = Date.now()): SlaTimer {
  const created = new Date(message.createdAt).getTime();
  const warningAt = new Date(created + policy.warningMinutes * 60_000);
  const breachAt = new Date(created + policy.breachMinutes * 60_000);
  if (message.direction !== "inbound") return { state: "none", warningAt, breachAt };
  if (message.firstResponseAt) {
    const late = new Date(message.firstResponseAt).getTime() >= breachAt.getTime();
    return { state: late ? "late" : "met", warningAt, breachAt };
  }
  if (message.status === "closed") return { state: "none", warningAt, breachAt };
  const state = now >= breachAt.getTime() ? "breached" : now >= warningAt.getTime() ? "warning" : "ok";
  return { state, warningAt, breachAt };
}
