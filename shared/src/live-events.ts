import { z } from "zod";
import { orderSystemSchema } from "./orders.ts";

/** What a console is doing with a message, for collision warnings. */
export const PRESENCE_ACTIVITIES = ["viewing", "replying"] as const;
export const presenceActivitySchema = z.enum(PRESENCE_ACTIVITIES);
export type PresenceActivity = z.infer<typeof presenceActivitySchema>;

/** A console's heartbeat: repeat every PRESENCE_HEARTBEAT_MS while the message is open. */
export const presenceBeatSchema = z.object({
  messageId: z.string().min(1).max(100),
  /** One per browser tab, so one user's two tabs do not warn each other. */
  clientId: z.string().min(8).max(64),
  activity: presenceActivitySchema,
  /**
   * The console's own count of what it has said (beats and leaves, all messages). Requests can
   * overtake each other on the network: a beat sent after a leave but arriving before it must
   * not be undone by it, so the server applies each console's word on a message in this order.
   */
  seq: z.number().int().nonnegative(),
});
export type PresenceBeat = z.infer<typeof presenceBeatSchema>;

export const presenceLeaveSchema = presenceBeatSchema.pick({ messageId: true, clientId: true, seq: true });
export type PresenceLeave = z.infer<typeof presenceLeaveSchema>;

export const PRESENCE_HEARTBEAT_MS = 10_000;
/** A console silent this long has gone (closed tab, lost network). */
export const PRESENCE_TTL_MS = 30_000;

export const presenceEntrySchema = z.object({
  clientId: z.string(),
  userId: z.string(),
  name: z.string(),
  activity: presenceActivitySchema,
});
export type PresenceEntry = z.infer<typeof presenceEntrySchema>;

/** Who has one message open right now. */
export const messagePresenceSchema = z.object({ messageId: z.string(), entries: z.array(presenceEntrySchema) });
export type MessagePresence = z.infer<typeof messagePresenceSchema>;

/**
 * The live stream (`GET /api/stream`, server-sent events). `messages` carries ids only: the
 * console asks for those that match its current filter, so one event serves every open view.
 */
export const liveMessagesEventSchema = z.object({
  change: z.enum(["created", "updated"]),
  ids: z.array(z.string()),
});
export type LiveMessagesEvent = z.infer<typeof liveMessagesEventSchema>;

/** A moderation rule asked to notify: which message, which rule, and its note. */
export const liveModerationNoticeSchema = z.object({ messageId: z.string(), ruleName: z.string(), note: z.string().nullable() });
export type LiveModerationNotice = z.infer<typeof liveModerationNoticeSchema>;


/**
 * `order.changed`: the order's system said it changed (its status, or a return, refund or
 * cancellation request on it). A console showing the order reads it again; nothing else changes.
 */
export const liveOrderChangedEventSchema = z.object({ system: orderSystemSchema, orderId: z.string() });
export type LiveOrderChangedEvent = z.infer<typeof liveOrderChangedEventSchema>;

/**
 * `note.added`: a note was written on a message. `mentionsYou` is true on the streams of the
 * users it mentions, which is how a mention reaches a colleague live.
 */
export const liveNoteAddedEventSchema = z.object({ messageId: z.string(), noteId: z.string(), authorName: z.string().nullable(), mentionsYou: z.boolean() });
export type LiveNoteAddedEvent = z.infer<typeof liveNoteAddedEventSchema>;

/**
 * `approvals.changed` (admins' streams only): a refund started or stopped waiting for an admin's
 * approval. The console reads the count again (`GET /api/order-actions/approvals/count`).
 */
export const liveApprovalsChangedEventSchema = z.object({});
export type LiveApprovalsChangedEvent = z.infer<typeof liveApprovalsChangedEventSchema>;

/**
 * SSE event names. `presence` data is a MessagePresence; `ready` a snapshot of every presence;
 * `order.changed` a LiveOrderChangedEvent; `notice` a LiveModerationNotice; `note.added` a LiveNoteAddedEvent; `approvals.changed` a LiveApprovalsChangedEvent.
 */
export const LIVE_EVENT_NAMES = ["ready", "messages", "presence", "order.changed", "notice", "note.added", "approvals.changed"] as const;

export const liveReadySchema = z.object({ presence: z.array(messagePresenceSchema) });
export type LiveReady = z.infer<typeof liveReadySchema>;
