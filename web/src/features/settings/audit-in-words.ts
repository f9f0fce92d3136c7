import { handleInWords, platformName, roleName } from "./names.ts";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** The actions the API records, as a sentence's verb. Unknown ones fall back to their key in words. */
const ACTIONS: Record<string, string> = {
  "user.create": "added user",
  "user.update": "changed user",
  "user.disable": "disabled user",
  "user.enable": "re-enabled user",
  "token.create": "created API token",
  "token.revoke": "revoked API token",
  "account.connect": "connected account",
  "account.reconnect": "reconnected account",
  "sla.update": "changed the response targets of",
  "orders.settings_update": "changed the refund approval threshold of",
  "sla.policies_update": "changed the SLA policies of",
  "sla.calendar_update": "changed the business hours of",
  "macro.create": "created macro",
  "macro.update": "changed macro",
  "macro.delete": "deleted macro",
  "model.promote": "promoted classifier model",
  "model.rollback": "rolled back classifier model",
  "bulk.apply": "applied a bulk change",
  "bulk.undo": "undid a bulk change",
  "reply.queue": "queued a reply to",
  "reply.sent": "sent a reply to",
  "reply.comment_to_dm": "moved a comment to a direct message for",
  "message.update": "changed message",
  "message.hide": "hid message",
  "message.snooze_ended": "ended the snooze of message",
  "message.reopened_by_customer": "reopened, on the customer's new message,",
  "ingest.event.retry": "re-queued",
  "contact.erase": "erased the messages of",
};

export function actionInWords(action: string): string {
  return ACTIONS[action] ?? action.replace(/[._]/g, " ");
}

/** Field names as people say them. */
const FIELDS: Record<string, string> = {
  name: "Name",
  email: "Email",
  role: "Role",
  disabled: "Disabled",
  passwordChanged: "Password",
  userId: "Acts as user",
  expiresAt: "Expires",
  warningMinutes: "Warning after",
  breachMinutes: "Breach after",
  refundApprovalOver: "Refunds need approval over",
  policies: "Policies",
  businessHoursOnly: "Business hours only",
  timeZone: "Time zone",
  hours: "Hours",
  holidays: "Holidays",
  handle: "Handle",
  status: "Status",
  externalAccountId: "Account id",
  tokenExpiresAt: "Token expires",
  channel: "Platform",
  hasAccessToken: "Has an access token",
  attempts: "Attempts",
  reason: "Reason",
  ruleName: "Rule",
  ruleId: "Rule id",
  outcomeId: "Outcome id",
  bulkActionId: "Bulk change id",
  action: "Action",
  escalationLevel: "Priority",
};

/** Ids (by their shown names), a platform's or our own: kept for a support ticket, behind a disclosure. */
export const ID_FIELDS_BEHIND_DISCLOSURE: ReadonlySet<string> = new Set(
  ["externalAccountId", "ruleId", "outcomeId", "bulkActionId"].map((key) => FIELDS[key]!),
);

/** A rule's action as the rules page words it: "hide", "set priority to high". */
function ruleActionInWords(action: Record<string, unknown>): string {
  const type = String(action.type).replace(/_/g, " ");
  return typeof action.level === "string" ? `${type} to ${action.level}` : type;
}

const STATUS_WORDS: Record<string, string> = {
  active: "connected",
  needs_attention: "needs attention",
  disconnected: "disconnected",
  pending: "waiting to be processed",
  failed: "failed",
};

function fieldName(key: string): string {
  if (FIELDS[key]) return FIELDS[key];
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function minutesInWords(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} min`;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** Fields whose value is the id of something the page may know by name. */
const ID_FIELDS = new Set(["userId", "assigneeId", "assignedTo", "accountId"]);

/** A value as a person reads it: roles by name, yes/no, minutes as hours, dates as dates, known ids by name. */
export function valueInWords(key: string, value: unknown, names: ReadonlyMap<string, string> = new Map()): string {
  if (value === null || value === undefined || value === "") return "none";
  if (ID_FIELDS.has(key) && typeof value === "string") return names.get(value) ?? "someone no longer listed";
  if (key === "handle" && typeof value === "string") return handleInWords(value);
  if (key === "role" && typeof value === "string") return roleName(value);
  if (key === "channel" && typeof value === "string") return platformName(value);
  if (key === "status" && typeof value === "string") return STATUS_WORDS[value] ?? value.replace(/_/g, " ");
  if (key === "passwordChanged") return value ? "changed" : "unchanged";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (key.endsWith("Minutes") && typeof value === "number") return minutesInWords(value);
  if (typeof value === "string" && /^\d{4}-\d\d-\d\dT/.test(value)) {
    return new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => valueInWords(key, v, names)).join(", ") : "none";
  if (key === "action" && typeof value === "object" && typeof (value as { type?: unknown }).type === "string") return ruleActionInWords(value as Record<string, unknown>);
  if (typeof value === "object") return `${Object.keys(value).length} fields`;
  return String(value);
}

export interface FieldChange {
  field: string;
  /** Absent when the entry records only one side (a creation, a deletion). */
  from?: string;
  to?: string;
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/**
 * What an entry changed, field by field: for an update only the fields that differ (a password
 * is "changed" with no values); for a creation the values set; for a deletion the values removed.
 */
export function changedFields(entry: Pick<AuditEntry, "before" | "after">, names: ReadonlyMap<string, string> = new Map()): FieldChange[] {
  const words = (key: string, value: unknown) => valueInWords(key, value, names);
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  if (!before && !after) return [];
  if (!before) return Object.entries(after!).map(([key, value]) => ({ field: fieldName(key), to: words(key, value) }));
  if (!after) return Object.entries(before).map(([key, value]) => ({ field: fieldName(key), from: words(key, value) }));
  const changes: FieldChange[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === "passwordChanged") {
      if (after[key] === true) changes.push({ field: fieldName(key), to: "changed" });
      continue;
    }
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    changes.push({ field: fieldName(key), from: words(key, before[key]), to: words(key, after[key]) });
  }
  return changes;
}

/** One change as a line: "Role: Agent → Viewer", "Name: Kim", "Password changed". */
export function changeInWords(change: FieldChange): string {
  if (change.field === "Password") return "Password changed";
  if (change.from !== undefined && change.to !== undefined) return `${change.field}: ${change.from} → ${change.to}`;
  if (change.to !== undefined) return `${change.field}: ${change.to}`;
  return `${change.field} was ${change.from}`;
}

/** Object kinds as words, for entries whose object has no name we know. */
const OBJECT_KINDS: Record<string, string> = {
  user: "user",
  api_token: "API token",
  connected_account: "account",
  workspace: "the workspace",
  macro: "macro",
  model: "model",
  message: "message",
  bulk_action: "bulk change",
  reply_outbox: "reply",
  inbound_event: "incoming event that had failed",
  contact: "contact",
};

export function objectKind(entityType: string): string {
  return OBJECT_KINDS[entityType] ?? entityType.replace(/_/g, " ");
}

/**
 * The object an entry is about, by its name when the entry or a lookup knows it (a user's name,
 * a token's name), else by its kind. `names` maps ids to names the page already has.
 */
export function objectInWords(entry: AuditEntry, names: ReadonlyMap<string, string>): string {
  if (entry.entityType === "workspace") return "the workspace";
  const known = names.get(entry.entityId);
  if (known) return known;
  const side = asRecord(entry.after) ?? asRecord(entry.before);
  const named = side && (typeof side.name === "string" ? side.name : typeof side.title === "string" ? side.title : typeof side.handle === "string" ? handleInWords(side.handle) : null);
  if (named) return named;
  const kind = objectKind(entry.entityType);
  return `${/^[aeiou]/i.test(kind) ? "an" : "a"} ${kind}`;
}

/** The actions a person can filter the log by, in words, alphabetically by those words. */
export const ACTION_CHOICES: { key: string; words: string }[] = Object.entries(ACTIONS)
  .map(([key, words]) => ({ key, words: words.charAt(0).toUpperCase() + words.slice(1) }))
  .sort((a, b) => a.words.localeCompare(b.words));
