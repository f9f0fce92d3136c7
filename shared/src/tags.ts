import { z } from "zod";

/**
 * Free tags an agent (or a moderation rule) puts on items, besides the case type: many per item,
 * a workspace's own list. Colours are names the console maps to its design tokens, never a colour
 * literal, so a tag reads the same in light and dark mode.
 */
export const TAG_COLOURS = ["grey", "red", "orange", "yellow", "green", "teal", "blue", "purple", "pink"] as const;
export const tagColourSchema = z.enum(TAG_COLOURS);
export type TagColour = z.infer<typeof tagColourSchema>;

export const TAG_NAME_MAX = 40;
/** A workspace keeps at most this many tags: the picker and the filter list them all. */
export const TAGS_PER_WORKSPACE_MAX = 500;

const tagName = z
  .string()
  .trim()
  .min(1, "Give the tag a name.")
  .max(TAG_NAME_MAX, `A tag's name is at most ${TAG_NAME_MAX} characters.`)
  .refine((name) => !/[\p{Cc}]/u.test(name), "A tag's name cannot hold control characters.");

/** A tag as items show it. */
export const tagSummarySchema = z.object({ id: z.string(), name: z.string(), colour: tagColourSchema }).meta({ id: "TagSummary" });
export type TagSummary = z.infer<typeof tagSummarySchema>;

export const tagSchema = tagSummarySchema
  .extend({
    /** How many items carry it now. */
    itemCount: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: "Tag" });
export type Tag = z.infer<typeof tagSchema>;

export const tagListSchema = z.object({ items: z.array(tagSchema) }).meta({ id: "TagList" });
export type TagList = z.infer<typeof tagListSchema>;

/** `POST /api/tags` (agents): names are unique in a workspace, ignoring case. */
export const tagCreateSchema = z.object({ name: tagName, colour: tagColourSchema.default("grey") }).strict().meta({ id: "TagCreate" });
export type TagCreate = z.infer<typeof tagCreateSchema>;

/** `PATCH /api/tags/:id` (agents). */
export const tagPatchSchema = z
  .object({ name: tagName.optional(), colour: tagColourSchema.optional() })
  .strict()
  .refine((patch) => patch.name !== undefined || patch.colour !== undefined, "Give a name or a colour.")
  .meta({ id: "TagPatch" });
export type TagPatch = z.infer<typeof tagPatchSchema>;

/** `POST /api/messages/:id/tags`: put one tag on an item. */
export const itemTagRequestSchema = z.object({ tagId: z.string().trim().min(1).max(100) }).strict().meta({ id: "ItemTagRequest" });
export type ItemTagRequest = z.infer<typeof itemTagRequestSchema>;
