import { z } from "zod";
import { messageFilterSchema, queueSortSchema } from "./queues.ts";

/**
 * A named set of the console's filters (queue, label, escalation, platform, kind, tag, assignee,
 * search…), kept for one agent (`personal`) or for the whole workspace (`shared`, which only
 * admins create, change or delete). "Assigned to me" in a shared view means whoever opens it.
 */
export const SAVED_VIEW_SCOPES = ["personal", "shared"] as const;
export const savedViewScopeSchema = z.enum(SAVED_VIEW_SCOPES);
export type SavedViewScope = z.infer<typeof savedViewScopeSchema>;

/** Counts stop here: the sidebar says "1,000+" rather than reading every matching item. */
export const SAVED_VIEW_COUNT_CAP = 1_000;
export const SAVED_VIEWS_PER_USER_MAX = 50;

export const savedViewFilterSchema = messageFilterSchema.extend({ sort: queueSortSchema.optional() }).strict().meta({ id: "SavedViewFilter" });
export type SavedViewFilter = z.infer<typeof savedViewFilterSchema>;

const viewName = z.string().trim().min(1, "Give the view a name.").max(60, "A view's name is at most 60 characters.");

export const savedViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: savedViewScopeSchema,
    filter: savedViewFilterSchema,
    /** Who made it; for a shared view, a former colleague's name may remain. */
    createdByName: z.string().nullable(),
    /** The signed-in user may rename or delete it: their own personal view, or any shared view for an admin. */
    editable: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "SavedView" });
export type SavedView = z.infer<typeof savedViewSchema>;

export const savedViewListSchema = z.object({ items: z.array(savedViewSchema) }).meta({ id: "SavedViewList" });
export type SavedViewList = z.infer<typeof savedViewListSchema>;

export const savedViewCreateSchema = z
  .object({ name: viewName, scope: savedViewScopeSchema.default("personal"), filter: savedViewFilterSchema })
  .strict()
  .meta({ id: "SavedViewCreate" });
export type SavedViewCreate = z.infer<typeof savedViewCreateSchema>;

export const savedViewPatchSchema = z
  .object({ name: viewName.optional(), filter: savedViewFilterSchema.optional() })
  .strict()
  .refine((patch) => patch.name !== undefined || patch.filter !== undefined, "Give a name or a filter.")
  .meta({ id: "SavedViewPatch" });
export type SavedViewPatch = z.infer<typeof savedViewPatchSchema>;

/** One view's size for the sidebar: exact up to the cap, then `capped` ("1,000+"). */
export const savedViewCountSchema = z.object({ id: z.string(), count: z.number().int(), capped: z.boolean() });
export type SavedViewCount = z.infer<typeof savedViewCountSchema>;

export const savedViewCountsSchema = z
  .object({ counts: z.array(savedViewCountSchema), cap: z.number().int(), asOf: z.string().datetime() })
  .meta({ id: "SavedViewCounts" });
export type SavedViewCounts = z.infer<typeof savedViewCountsSchema>;
