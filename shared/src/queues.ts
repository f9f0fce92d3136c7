import { z } from "zod";
import { platformSchema } from "./platform.ts";
import { ESCALATION_LEVELS, LABELS, LABEL_INFO, escalationLevelSchema, labelSchema, type EscalationLevel, type Label } from "./labels.ts";
import { MESSAGE_PAGE_MAX, messageKindSchema, messageStatusSchema, type MessageStatus } from "./message.ts";

/**
 * The saved filters agents work from. Each is a fixed filter plus a default order; any other
 * filter (platform, search, time…) narrows it further.
 */
export const QUEUE_IDS = ["needs_reply", "needs_label", "order_issues", "promo_confusion", "escalations", "spam_scam", "pending", "done", "all"] as const;
export const queueIdSchema = z.enum(QUEUE_IDS);
export type QueueId = z.infer<typeof queueIdSchema>;

/**
 * `priority`: highest escalation first, then oldest first — what has waited longest among what
 * is most at risk. `newest` / `oldest`: by when the platform says it was written.
 */
export const QUEUE_SORTS = ["priority", "newest", "oldest"] as const;
export const queueSortSchema = z.enum(QUEUE_SORTS);
export type QueueSort = z.infer<typeof queueSortSchema>;

export interface QueueDefinition {
  id: QueueId;
  title: string;
  description: string;
  statuses?: MessageStatus[];
  labels?: Label[];
  excludeLabels?: Label[];
  escalations?: EscalationLevel[];
  /**
   * true: only messages whose label the model was unsure of; false: none of them — a case-type
   * queue shows what the model is confident about, not its guesses.
   */
  needsLabel?: boolean;
  /** Only customers' messages that have had no reply from the brand yet. */
  unanswered?: boolean;
  sort: QueueSort;
}

const ORDER_ISSUE_LABELS = LABELS.filter((label) => LABEL_INFO[label].orderIssue);

export const QUEUES: Record<QueueId, QueueDefinition> = {
  needs_reply: {
    id: "needs_reply",
    title: "Needs reply",
    description: "Open customer messages nobody has answered yet (spam left out).",
    statuses: ["open"],
    excludeLabels: ["spam_scam"],
    unanswered: true,
    sort: "priority",
  },
  needs_label: {
    id: "needs_label",
    title: "Needs a label",
    description: "Open messages the classifier was unsure about: set the case type and it learns from you.",
    statuses: ["open"],
    needsLabel: true,
    sort: "priority",
  },
  order_issues: {
    id: "order_issues",
    title: "Order issues",
    description: "Open order problems: status, not received, damaged, wrong item, returns, cancellations, payment.",
    statuses: ["open"],
    labels: ORDER_ISSUE_LABELS,
    needsLabel: false,
    sort: "priority",
  },
  promo_confusion: {
    id: "promo_confusion",
    title: "Promo confusion",
    description: "Open questions about codes, discounts and flash-sale terms.",
    statuses: ["open"],
    labels: ["promo_confusion"],
    needsLabel: false,
    sort: "priority",
  },
  escalations: {
    id: "escalations",
    title: "Escalations",
    description: "Open messages at medium or high escalation risk.",
    statuses: ["open"],
    escalations: ESCALATION_LEVELS.filter((level) => level !== "low"),
    sort: "priority",
  },
  spam_scam: {
    id: "spam_scam",
    title: "Spam / scam",
    description: "Open bot promos, phishing and fake-shop links: hide and close.",
    statuses: ["open"],
    labels: ["spam_scam"],
    needsLabel: false,
    sort: "newest",
  },
  pending: {
    id: "pending",
    title: "Pending",
    description: "Waiting on the customer, SLA clock stopped; their next message reopens it.",
    statuses: ["pending"],
    sort: "oldest",
  },
  done: { id: "done", title: "Done", description: "Resolved conversations, most recent first.", statuses: ["closed"], sort: "newest" },
  all: { id: "all", title: "All", description: "Everything, newest first.", sort: "newest" },
};

/** "me", "none" (unassigned) or a user id. */
export const assigneeFilterSchema = z.string().trim().min(1).max(100);

export const SLA_FILTERS = ["warning", "breached"] as const;
export const slaFilterSchema = z.enum(SLA_FILTERS);
export type SlaFilter = z.infer<typeof slaFilterSchema>;

const isoTime = z.string().datetime({ offset: true });

/**
 * Which messages: a queue narrowed by filters. The same object drives the list, the counts and
 * bulk actions on a whole filter, so "close all 312" closes exactly the 312 the list shows.
 */
export const messageFilterSchema = z.object({
  queue: queueIdSchema.optional(),
  platform: platformSchema.optional(),
  kind: messageKindSchema.optional(),
  status: messageStatusSchema.optional(),
  label: labelSchema.optional(),
  escalation: escalationLevelSchema.optional(),
  assignee: assigneeFilterSchema.optional(),
  postId: z.string().min(1).max(100).optional(),
  campaignId: z.string().min(1).max(100).optional(),
  /** Carries this tag (a tag id). */
  tag: z.string().min(1).max(100).optional(),
  /** Written at or after / before this time. */
  from: isoTime.optional(),
  to: isoTime.optional(),
  /** PostgreSQL full-text search over the text and the author's handle (web-search syntax). */
  q: z.string().trim().min(1).max(200).optional(),
  sla: slaFilterSchema.optional(),
});
export type MessageFilter = z.infer<typeof messageFilterSchema>;

/** One queue's size and how much of it is late, for the sidebar. */
export const queueCountSchema = z.object({
  id: queueIdSchema,
  title: z.string(),
  description: z.string(),
  sort: queueSortSchema,
  count: z.number().int(),
  slaWarning: z.number().int(),
  slaBreached: z.number().int(),
});
export type QueueCount = z.infer<typeof queueCountSchema>;

export const queueCountsSchema = z.object({
  queues: z.array(queueCountSchema),
  /** Server time the counts were taken at. */
  asOf: z.string().datetime(),
});
export type QueueCounts = z.infer<typeof queueCountsSchema>;

/** `GET /api/messages/count`: how many messages a filter matches now. */
export const filterCountSchema = z.object({ count: z.number().int(), asOf: z.string().datetime() });
export type FilterCount = z.infer<typeof filterCountSchema>;

/** Query of `GET /api/messages`: a filter, an order, and an opaque keyset cursor. */
export const messageListQuerySchema = messageFilterSchema.extend({
  /** Defaults to the queue's own order. */
  sort: queueSortSchema.optional(),
  cursor: z.string().min(1).max(300).optional(),
  limit: z.coerce.number().int().min(1).max(MESSAGE_PAGE_MAX).default(50),
  /**
   * Comma-separated message ids: only these, if they match the filter. The console asks this
   * when the live stream says messages changed, to place them without reloading the list.
   */
  ids: z
    .string()
    .max(MESSAGE_PAGE_MAX * 40)
    .transform((value) => value.split(",").filter(Boolean))
    .pipe(z.array(z.string().min(1).max(100)).max(MESSAGE_PAGE_MAX))
    .optional(),
});
export type MessageListQuery = z.infer<typeof messageListQuerySchema>;
