import { z } from "zod";
import { platformSchema } from "./platform.ts";
import { escalationLevelSchema, labelSchema } from "./labels.ts";
import { classificationSchema } from "./classification.ts";
import { tagSummarySchema } from "./tags.ts";

/** A public comment under a post, or a private direct message. */
export const MESSAGE_KINDS = ["comment", "dm"] as const;
export const messageKindSchema = z.enum(MESSAGE_KINDS);
export type MessageKind = z.infer<typeof messageKindSchema>;

/**
 * Triage state of an item (a conversation), in the vocabulary support teams already use:
 * `pending` waits on the customer and `snoozed` on a time, both with the SLA clock stopped;
 * `closed` is resolved. A new message from the customer reopens any of them.
 */
export const MESSAGE_STATUSES = ["open", "pending", "snoozed", "closed"] as const;
export const messageStatusSchema = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

/** `inbound` is written by a customer; `outbound` is the brand's own (echoes, sent replies). */
export const MESSAGE_DIRECTIONS = ["inbound", "outbound"] as const;
export const messageDirectionSchema = z.enum(MESSAGE_DIRECTIONS);
export type MessageDirection = z.infer<typeof messageDirectionSchema>;

/**
 * Whether the public can see a comment: hidden (by the brand, or by the platform), shown to the
 * author's friends only (TikTok), or deleted. Kept current by the platforms' webhooks and polls.
 */
export const MESSAGE_VISIBILITIES = ["visible", "hidden", "friends_only", "deleted"] as const;
export const messageVisibilitySchema = z.enum(MESSAGE_VISIBILITIES);
export type MessageVisibility = z.infer<typeof messageVisibilitySchema>;

/** How the console says a visibility: "hidden", "friends only". */
export const VISIBILITY_WORDS: Record<MessageVisibility, string> = {
  visible: "public",
  hidden: "hidden",
  friends_only: "friends only",
  deleted: "deleted",
};

export const postSummarySchema = z.object({
  id: z.string(),
  externalId: z.string(),
  productType: z.string().nullable(),
  caption: z.string().nullable(),
  /** The post's picture as the console loads it (through Surgedesk, never from the platform's CDN directly); null without one. */
  thumbnail: z.string().nullable(),
});
export type PostSummary = z.infer<typeof postSummarySchema>;

/** The one normal form every platform's comment or DM becomes, as the API returns it. */
export const messageSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  accountId: z.string(),
  platform: platformSchema,
  kind: messageKindSchema,
  direction: messageDirectionSchema,
  externalId: z.string(),
  parentExternalId: z.string().nullable(),
  threadKey: z.string(),
  authorExternalId: z.string(),
  authorHandle: z.string().nullable(),
  /** The buyer behind the message, shared by their comments and DMs on this platform. */
  contactId: z.string().nullable(),
  text: z.string(),
  likes: z.number().int(),
  visibility: messageVisibilitySchema,
  /** Case type: the classifier's, or the agent's when `labelSource` is "agent". */
  label: labelSchema.nullable(),
  labelScore: z.number().nullable(),
  labelSource: z.enum(["model", "agent"]),
  /** The model was unsure of `label`; a person should decide it ("Needs a label" queue). */
  needsLabel: z.boolean(),
  escalationLevel: escalationLevelSchema.nullable(),
  escalationScore: z.number().nullable(),
  createdAt: z.string().datetime(),
  receivedAt: z.string().datetime(),
  status: messageStatusSchema,
  /** When a snoozed message comes back to the open queues. */
  snoozedUntil: z.string().datetime().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  /** When the brand first answered it; the first-response (SLA) timer stops here. */
  firstResponseAt: z.string().datetime().nullable(),
  /**
   * The first-response deadlines from the SLA policy that matched it (`slaPolicyId`), set when it
   * arrives or is relabelled; null: no timer. Snoozing pauses the clock: `slaPausedAt` is when, and
   * waking moves both deadlines on by the time it was paused.
   */
  slaPolicyId: z.string().nullable(),
  slaWarningAt: z.string().datetime().nullable(),
  slaBreachAt: z.string().datetime().nullable(),
  slaPausedAt: z.string().datetime().nullable(),
  post: postSummarySchema.nullable(),
  /** Free tags, by name. */
  tags: z.array(tagSummarySchema),
  /**
   * The item this message belongs to: a DM conversation, or one buyer's comments in one comment
   * thread, is one item in the queues, and its latest customer message stands for it (carrying
   * its status, assignee, tags and SLA timer). `itemId` is that message's id — this one's own
   * when it stands for its item — and `itemSize` how many messages the item holds (the brand's
   * replies included).
   */
  itemId: z.string(),
  itemSize: z.number().int().min(1),
  /**
   * When this message is only an attachment (a photo, an order card): the customer's latest
   * earlier words in its conversation, so a list row says what the item is about. Null otherwise.
   */
  itemWords: z.string().nullable(),
}).meta({ id: "Message" });
export type Message = z.infer<typeof messageSchema>;

/** One message with everything behind its triage: the full classification and evidence. */
export const messageDetailSchema = messageSchema.extend({
  classification: classificationSchema.nullable(),
}).meta({ id: "MessageDetail" });
export type MessageDetail = z.infer<typeof messageDetailSchema>;

export const MESSAGE_PAGE_MAX = 200;

// The list query (`messageListQuerySchema`) is in queues.ts, beside the filters it is made of.

export const messagePageSchema = z.object({
  items: z.array(messageSchema),
  /** Pass back as `cursor` to read the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type MessagePage = z.infer<typeof messagePageSchema>;

/** `PATCH /api/messages/:id`: what an agent can change on one message. */
export const messagePatchSchema = z
  .object({
    label: labelSchema.optional(),
    status: messageStatusSchema.optional(),
    /** A user id, "me" for the signed-in user, or null to unassign. */
    assigneeId: z.string().trim().min(1).max(100).nullable().optional(),
    /** With status "snoozed": when the message comes back to the open queues. */
    snoozedUntil: z.string().datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, "Give at least one of: label, status, assigneeId, snoozedUntil.")
  .refine((patch) => (patch.status === "snoozed") === (patch.snoozedUntil !== undefined), {
    message: 'Snoozing needs both status "snoozed" and snoozedUntil.',
    path: ["snoozedUntil"],
  });
export type MessagePatch = z.infer<typeof messagePatchSchema>;
