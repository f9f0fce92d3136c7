import { z } from "zod";

/** The kinds of object the audit log records changes to. */
export const AUDIT_ENTITY_TYPES = [
  "user",
  "api_token",
  "connected_account",
  "workspace",
  "macro",
  "message",
  "bulk_action",
  "reply_outbox",
  "model",
  "contact",
  "inbound_event",
  "moderation_rule",
  "order_action",
] as const;
export const auditEntityTypeSchema = z.enum(AUDIT_ENTITY_TYPES);
export type AuditEntityType = z.infer<typeof auditEntityTypeSchema>;

/** The actor filter's value for changes Surgedesk made by itself (no user). */
export const AUDIT_SYSTEM_ACTOR = "system";

/**
 * A page of the audit log, newest first, narrowed by who (a user's id, or `system`), what (an
 * action key such as `user.update`), which object (its type and/or id) and when (`from`
 * inclusive, `to` exclusive). `before` is the cursor of the last entry seen.
 */
export const auditQuerySchema = z
  .object({
    entityId: z.string().trim().min(1).max(100).optional(),
    entityType: auditEntityTypeSchema.optional(),
    actor: z.string().trim().min(1).max(100).optional(),
    action: z
      .string()
      .trim()
      .max(64)
      .regex(/^[a-z_]+(\.[a-z_]+)*$/, "an action key such as user.update")
      .optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    before: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: "`from` must be before `to`", path: ["to"] });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Where the next page starts: the last entry's time and id (entries can share a time). */
export function auditCursor(entry: { createdAt: string; id: string }): string {
  return `${entry.createdAt}|${entry.id}`;
}
