import { z } from "zod";
import {
  assigneeFilterSchema,
  escalationLevelSchema,
  labelSchema,
  messageKindSchema,
  messageStatusSchema,
  platformSchema,
  queueIdSchema,
  queueSortSchema,
  slaFilterSchema,
  type MessageFilter,
} from "@surgedesk/shared";

const time = z.string().datetime({ offset: true });

/** The queue, filters and order live in the URL, so a view can be shared and survives a reload. */
export const inboxSearchSchema = z.object({
  queue: queueIdSchema.optional().catch(undefined),
  platform: platformSchema.optional().catch(undefined),
  kind: messageKindSchema.optional().catch(undefined),
  status: messageStatusSchema.optional().catch(undefined),
  label: labelSchema.optional().catch(undefined),
  escalation: escalationLevelSchema.optional().catch(undefined),
  assignee: assigneeFilterSchema.optional().catch(undefined),
  postId: z.string().min(1).max(100).optional().catch(undefined),
  campaignId: z.string().min(1).max(100).optional().catch(undefined),
  tag: z.string().min(1).max(100).optional().catch(undefined),
  from: time.optional().catch(undefined),
  to: time.optional().catch(undefined),
  q: z.string().trim().min(1).max(200).optional().catch(undefined),
  sla: slaFilterSchema.optional().catch(undefined),
  sort: queueSortSchema.optional().catch(undefined),
});
export type InboxSearch = z.infer<typeof inboxSearchSchema>;

/** The queue agents land on. */
export const DEFAULT_QUEUE = "needs_reply" as const;

/** The search as the API's filter: the queue made explicit, the order left out. */
export function filterOf(search: InboxSearch): MessageFilter {
  const { sort: _sort, ...filter } = search;
  return { ...filter, queue: search.queue ?? DEFAULT_QUEUE };
}

/** Query-string form of a filter: only the keys that are set. */
export function toQuery(filter: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
