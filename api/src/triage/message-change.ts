import type { BulkChange, EscalationLevel, Label, MessageStatus } from "@surgedesk/shared";

/** What an agent's action sets on a message; absent fields stay as they are. */
export interface MessageChange {
  status?: MessageStatus;
  snoozedUntil?: Date | null;
  label?: Label | null;
  /** Whose label it is: an agent's change says "agent"; an undo restores what was there. */
  labelSource?: "model" | "agent";
  assigneeId?: string | null;
  /** The item's priority (a rule's `set_priority`); the queues sort by it. */
  escalationLevel?: EscalationLevel | null;
}

/** The fields a change can touch, as they are on one message before it. */
export interface ChangeableMessage {
  id: string;
  workspaceId: string;
  status: MessageStatus;
  snoozedUntil: Date | null;
  label: Label | null;
  labelSource: "model" | "agent";
  assigneeId: string | null;
  escalationLevel: EscalationLevel | null;
}

export type ChangedField = keyof MessageChange;
export type FieldValues = Partial<Record<ChangedField, string | null>>;

/**
 * A snooze time only means something while snoozed: any other status clears it. A label an
 * agent sets is the agent's.
 */
export function normalizeChange(change: MessageChange): MessageChange {
  let normal = change;
  if (normal.status && normal.status !== "snoozed") normal = { ...normal, snoozedUntil: null };
  if (normal.label !== undefined && normal.labelSource === undefined) normal = { ...normal, labelSource: "agent" };
  return normal;
}

/** Field values as the audit log and undo keep them, back into a change. */
export function changeOfFieldValues(values: FieldValues): MessageChange {
  const change: MessageChange = {};
  if ("status" in values) change.status = values.status as MessageStatus;
  if ("snoozedUntil" in values) change.snoozedUntil = values.snoozedUntil ? new Date(values.snoozedUntil) : null;
  if ("label" in values) change.label = (values.label ?? null) as Label | null;
  if ("labelSource" in values) change.labelSource = values.labelSource === "agent" ? "agent" : "model";
  if ("assigneeId" in values) change.assigneeId = values.assigneeId ?? null;
  if ("escalationLevel" in values) change.escalationLevel = (values.escalationLevel ?? null) as EscalationLevel | null;
  return change;
}

/** A bulk action as a field change; `assigneeId` already resolved ("me" → the actor). Hide and tags are not fields. */
export function changeOfBulkAction(change: Exclude<BulkChange, { action: "hide" | "tag" | "untag" }>, assigneeId?: string | null): MessageChange {
  switch (change.action) {
    case "assign":
      return { assigneeId: assigneeId ?? null };
    case "close":
      return normalizeChange({ status: "closed" });
    case "reopen":
      return normalizeChange({ status: "open" });
    case "label":
      return { label: change.label, labelSource: "agent" };
    case "snooze":
      return { status: "snoozed", snoozedUntil: new Date(change.until) };
    case "mark_spam":
      return normalizeChange({ label: "spam_scam", labelSource: "agent", status: "closed" });
  }
}

const asValue = (value: Date | string | null | undefined): string | null =>
  value instanceof Date ? value.toISOString() : (value ?? null);

/**
 * The fields this change actually alters on this message, before and after, as JSON-ready
 * values (times as ISO strings): what the audit log and undo keep. Empty when nothing changes.
 */
export function diffMessage(message: ChangeableMessage, change: MessageChange): { before: FieldValues; after: FieldValues } {
  const before: FieldValues = {};
  const after: FieldValues = {};
  for (const field of Object.keys(change) as ChangedField[]) {
    const next = asValue(change[field]);
    const current = asValue(message[field]);
    if (next !== current) {
      before[field] = current;
      after[field] = next;
    }
  }
  return { before, after };
}
