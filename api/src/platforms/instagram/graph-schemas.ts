import { z } from "zod";

/**
 * Shapes of Instagram Graph API responses, as far as Surgedesk reads them. Items are kept
 * `unknown` at the page level and validated one by one where they are used, so one odd
 * comment in a page of fifty never costs the other forty-nine.
 */

/**
 * Graph ids are strings of digits (sometimes joined by `_`); tolerate numbers, which
 * hand-written tools and old SDKs send. Anything else is refused here, before it can reach a
 * text column or a jsonb state (which cannot hold NUL) and fail a whole page.
 */
export const graphId = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform(String)
  .pipe(z.string().regex(/^[A-Za-z0-9_.:-]{1,256}$/, "not a Graph id"));

/** Paging cursors are opaque base64-like tokens: printable ASCII only. */
const graphCursor = z.string().regex(/^[\x21-\x7e]{1,4096}$/, "not a paging cursor");

export const graphPagingSchema = z
  .object({
    cursors: z.object({ before: graphCursor.optional(), after: graphCursor.optional() }).partial().optional(),
    /** Carries the access token in its query string: never stored, never logged. */
    next: z.string().optional(),
    previous: z.string().optional(),
  })
  .optional();
export type GraphPaging = z.infer<typeof graphPagingSchema>;

export const graphPageSchema = z.object({
  data: z.array(z.unknown()).max(10_000),
  paging: graphPagingSchema,
});
export type GraphPage = z.infer<typeof graphPageSchema>;

/** The cursor of the page after this one, or null at the end: Graph omits `next` on the last page. */
export function nextAfter(paging: GraphPaging): string | null {
  return paging?.next && paging.cursors?.after ? paging.cursors.after : null;
}

export const graphMediaSchema = z.object({
  id: graphId,
  /** ISO 8601 with a `+0000` offset, e.g. `2025-08-21T12:28:00+0000`. */
  timestamp: z.string().max(100).optional(),
  media_product_type: z.string().max(50).optional(),
  media_type: z.string().max(50).optional(),
  caption: z.string().max(20_000).optional(),
  permalink: z.string().max(2000).optional(),
  /** A video's cover picture (reels, videos); absent for images. */
  thumbnail_url: z.string().max(4000).optional(),
  /** The file itself: the picture for an IMAGE, the video for a VIDEO (not a picture then). */
  media_url: z.string().max(4000).optional(),
  comments_count: z.number().int().nonnegative().optional(),
});
export type GraphMedia = z.infer<typeof graphMediaSchema>;

const graphCommentBase = z.object({
  id: graphId,
  text: z.string().max(20_000).default(""),
  timestamp: z.string().max(100).optional(),
  username: z.string().max(200).optional(),
  /** `from.id` is the commenter's Instagram-scoped id: the id Surgedesk messages them by. */
  from: z.object({ id: graphId, username: z.string().max(200).optional() }).optional(),
  like_count: z.number().int().nonnegative().optional(),
  parent_id: graphId.optional(),
  hidden: z.boolean().optional(),
  media: z.object({ id: graphId, media_product_type: z.string().max(50).optional() }).optional(),
});

export const graphCommentSchema = graphCommentBase.extend({
  /** First page of replies, when requested with `replies{…}`; more through `/{id}/replies`. */
  replies: graphPageSchema.optional(),
});
export type GraphComment = z.infer<typeof graphCommentSchema>;

/** `{ id }` from creating a reply. */
export const graphCreatedSchema = z.object({ id: graphId });
/** `{ success: true }` from hide/unhide and delete. */
export const graphSuccessSchema = z.object({ success: z.boolean() });
/** The Send API's answer, for DMs and Private Replies. */
export const graphSentMessageSchema = z.object({ recipient_id: graphId.optional(), message_id: z.string().min(1) });
