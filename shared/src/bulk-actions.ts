import { z } from "zod";
import { labelSchema } from "./labels.ts";
import { messageFilterSchema } from "./queues.ts";

/** A bulk change on an explicit selection is capped; a whole filter goes up to this many. */
export const BULK_SELECTION_MAX = 1_000;
export const BULK_FILTER_MAX = 50_000;
/** Hiding calls the platform once per comment, so a bulk hide is kept small. */
export const BULK_HIDE_MAX = 500;

export const bulkChangeSchema = z.discriminatedUnion("action", [
  /** `assigneeId`: a user id, "me", or null to unassign. */
  z.object({ action: z.literal("assign"), assigneeId: z.string().trim().min(1).max(100).nullable() }),
  z.object({ action: z.literal("close") }),
  z.object({ action: z.literal("reopen") }),
  z.object({ action: z.literal("label"), label: labelSchema }),
  z.object({ action: z.literal("snooze"), until: z.string().datetime({ offset: true }) }),
  /** Label as spam (stored as a correction) and close. */
  z.object({ action: z.literal("mark_spam") }),
  /** Put a tag on every item / take it off; undoable like the rest. */
  z.object({ action: z.literal("tag"), tagId: z.string().trim().min(1).max(100) }),
  z.object({ action: z.literal("untag"), tagId: z.string().trim().min(1).max(100) }),
  /** Hide the comments on the platform; DMs are skipped. */
  z.object({ action: z.literal("hide") }),
]);
export type BulkChange = z.infer<typeof bulkChangeSchema>;
export type BulkActionName = BulkChange["action"];

export const bulkTargetSchema = z.union([
  z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(BULK_SELECTION_MAX) }).strict(),
  z
    .object({
      filter: messageFilterSchema,
      /**
       * The time the agent's count was taken: messages received later are left alone, so the
       * change applies to what the agent saw counted, not to what arrived since.
       */
      asOf: z.string().datetime({ offset: true }),
    })
    .strict(),
]);
export type BulkTarget = z.infer<typeof bulkTargetSchema>;

export const bulkRequestSchema = z.object({ change: bulkChangeSchema, target: bulkTargetSchema }).strict();
export type BulkRequest = z.infer<typeof bulkRequestSchema>;

export const bulkResultSchema = z.object({
  /** Pass to `POST /api/bulk/:id/undo`; null when nothing changed or the change cannot be undone. */
  bulkActionId: z.string().nullable(),
  /** Messages the target matched. */
  matched: z.number().int(),
  /** Of those, how many were changed (the rest were already so). */
  changed: z.number().int(),
  /** Messages the change could not be applied to, and why (hiding: the platform refused). */
  failed: z.array(z.object({ id: z.string(), reason: z.string() })),
});
export type BulkResult = z.infer<typeof bulkResultSchema>;

export const bulkUndoResultSchema = z.object({
  restored: z.number().int(),
  /** Changed again by someone since: left as they are now. */
  skipped: z.number().int(),
});
export type BulkUndoResult = z.infer<typeof bulkUndoResultSchema>;
