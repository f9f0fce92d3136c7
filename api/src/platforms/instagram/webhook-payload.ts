import { z } from "zod";
import { IMPLAUSIBLE_TIME_MESSAGE, isPlausibleTime } from "../../lib/plausible-time.ts";

/** Seconds or milliseconds since the epoch, read as the normalizer reads them (see normalize.ts). */
const plausibleEpoch = <T extends z.ZodType<number>>(schema: T) =>
  schema.refine((value) => isPlausibleTime(new Date(value > 1e12 ? value : value * 1000)), IMPLAUSIBLE_TIME_MESSAGE);

/** Meta sends ids as strings; tolerate numbers from hand-written test tools. */
const id = z.union([z.string().min(1).max(256), z.number().int().nonnegative()]).transform(String);

export const igCommentValueSchema = z.object({
  id,
  /**
   * Absent on the comments Meta documents (a new comment). Page-feed style verbs (`add`, `edited`,
   * `remove`, `hide`, `unhide`) are read when a sender includes them: see `commentVerbOf`.
   */
  verb: z.string().max(50).optional(),
  text: z.string().max(20_000).default(""),
  parent_id: id.optional(),
  /** `self_ig_scoped_id` is the commenter's messaging id: it links their comments to their DMs. */
  from: z.object({ id, username: z.string().max(200).optional(), self_ig_scoped_id: id.optional() }),
  media: z
    .object({
      id,
      media_product_type: z.string().max(50).optional(),
      ad_id: z.string().optional(),
      original_media_id: z.string().optional(),
    })
    .optional(),
});
export type IgCommentValue = z.infer<typeof igCommentValueSchema>;

/** A removal or visibility change names the comment only: its author and text may be left out. */
export const igCommentStateValueSchema = z.object({
  id,
  verb: z.string().max(50),
  text: z.string().max(20_000).optional(),
  parent_id: id.optional(),
  from: z.object({ id, username: z.string().max(200).optional(), self_ig_scoped_id: id.optional() }).optional(),
  media: z.object({ id, media_product_type: z.string().max(50).optional() }).optional(),
});
export type IgCommentStateValue = z.infer<typeof igCommentStateValueSchema>;

/** What a comment change says happened. */
export type CommentVerb = "add" | "edit" | "remove" | "hide" | "unhide" | "other";
const VERBS = new Map<string, CommentVerb>([
  ["add", "add"],
  ["edited", "edit"],
  ["edit", "edit"],
  ["remove", "remove"],
  ["delete", "remove"],
  ["deleted", "remove"],
  ["hide", "hide"],
  ["unhide", "unhide"],
]);
export const commentVerbOf = (verb: string | undefined): CommentVerb => (verb === undefined ? "add" : (VERBS.get(verb.toLowerCase()) ?? "other"));

export const igMessagingItemSchema = z.object({
  sender: z.object({ id }),
  recipient: z.object({ id }),
  /** Milliseconds since the epoch; the dashboard's test events send seconds, as a string. */
  timestamp: plausibleEpoch(z.union([z.number().nonnegative(), z.string().regex(/^\d{1,16}$/).transform(Number)])),
  message: z
    .object({
      mid: z.string().min(1).max(1000),
      text: z.string().max(20_000).optional(),
      is_echo: z.boolean().optional(),
      is_deleted: z.boolean().optional(),
      attachments: z.array(z.unknown()).optional(),
    })
    .optional(),
});
export type IgMessagingItem = z.infer<typeof igMessagingItemSchema>;

const COMMENT_FIELDS = ["comments", "live_comments"] as const;
type CommentField = (typeof COMMENT_FIELDS)[number];
const isCommentField = (field: string): field is CommentField => (COMMENT_FIELDS as readonly string[]).includes(field);

export type IgChange =
  | { field: CommentField; value: IgCommentValue }
  | { field: CommentField; value: IgCommentStateValue; verb: Exclude<CommentVerb, "add" | "edit"> }
  | { field: "messages"; value: IgMessagingItem }
  | { field: "other"; name: string };

/**
 * A change under `entry[].changes[]`. Comment fields are validated strictly; a DM sent in the
 * `changes` shape (as the dashboard's test button does) is validated as messaging. Fields
 * Surgedesk does not gather (mentions, story insights, …) pass through and are skipped later.
 */
const igChangeSchema = z
  .object({ field: z.string().max(100), value: z.unknown() })
  .transform((change, ctx): IgChange => {
    const declared = typeof change.value === "object" && change.value !== null ? (change.value as { verb?: unknown }).verb : undefined;
    const verb = isCommentField(change.field) && typeof declared === "string" ? commentVerbOf(declared) : "add";
    if (verb !== "add" && verb !== "edit") {
      const parsed = igCommentStateValueSchema.safeParse(change.value);
      if (parsed.success) return { field: change.field as CommentField, value: parsed.data, verb };
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: ["value", ...issue.path] });
      return z.NEVER;
    }
    const valueSchema = isCommentField(change.field)
      ? igCommentValueSchema
      : change.field === "messages"
        ? igMessagingItemSchema
        : undefined;
    if (!valueSchema) return { field: "other", name: change.field };
    const parsed = valueSchema.safeParse(change.value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: "custom", message: issue.message, path: ["value", ...issue.path] });
      }
      return z.NEVER;
    }
    return { field: change.field, value: parsed.data } as IgChange;
  });

export const igWebhookPayloadSchema = z.object({
  object: z.literal("instagram"),
  entry: z
    .array(
      z.object({
        id,
        /** Seconds since the epoch (some senders use milliseconds). */
        time: plausibleEpoch(z.number().nonnegative()),
        changes: z.array(igChangeSchema).max(1000).optional(),
        messaging: z.array(igMessagingItemSchema).max(1000).optional(),
      }),
    )
    .min(1)
    .max(1000),
});
export type IgWebhookPayload = z.infer<typeof igWebhookPayloadSchema>;
