import { z } from "zod";
import { platformSchema } from "./platform.ts";
import { foundOrderSchema } from "./replies.ts";

/**
 * The playbook's order-side queues: the day starts from the orders, not the messages.
 * `ship_within_24h`: TikTok Shop orders whose ship-by deadline is within a day and that have no
 * tracking yet; `cancellation_requested`: a buyer asked to cancel and nobody answered the request;
 * `delayed`: past the promised ship-by or delivery date and not delivered.
 */
export const ORDER_QUEUES = ["ship_within_24h", "cancellation_requested", "delayed"] as const;
export const orderQueueSchema = z.enum(ORDER_QUEUES);
export type OrderQueue = z.infer<typeof orderQueueSchema>;

export const ORDER_QUEUE_NAMES: Record<OrderQueue, string> = {
  ship_within_24h: "Ship within 24 h",
  cancellation_requested: "Cancellation requested",
  delayed: "Delayed",
};

/** One buyer's open message about the order: what "Reply to all" answers. */
export const waitingMessageSchema = z
  .object({
    messageId: z.string(),
    platform: platformSchema,
    kind: z.string(),
    authorHandle: z.string().nullable(),
    text: z.string(),
    createdAt: z.string().datetime(),
    /** The reply "Reply to all" sends this buyer: the order's macro filled from the order, in their language. */
    draft: z.string(),
    /** Variables the order could not fill (left as `{{name}}` in the draft): edit before sending. */
    unfilled: z.array(z.string()),
  })
  .meta({ id: "WaitingMessage" });
export type WaitingMessage = z.infer<typeof waitingMessageSchema>;

export const queuedOrderSchema = z
  .object({
    /** `tiktok_shop:<id>` or `shopify:<name>`: the order's name in the bulk reply. */
    orderRef: z.string(),
    order: foundOrderSchema,
    /** Why it is in the queue, in words ("Ship by 6 Dec 14:00, no tracking yet"). */
    why: z.string(),
    /** The macro the drafts come from: order status (WISMO) once shipped, the delay apology before. */
    macroTitle: z.string().nullable(),
    waiting: z.array(waitingMessageSchema),
  })
  .meta({ id: "QueuedOrder" });
export type QueuedOrder = z.infer<typeof queuedOrderSchema>;

export const orderQueuesResponseSchema = z
  .object({
    queues: z.array(z.object({ queue: orderQueueSchema, name: z.string(), count: z.number().int(), orders: z.array(queuedOrderSchema) })),
    /** A shop that could not be asked, in words; the queues show what the others answered. */
    problems: z.array(z.string()),
  })
  .meta({ id: "OrderQueuesResponse" });
export type OrderQueuesResponse = z.infer<typeof orderQueuesResponseSchema>;

/**
 * "Reply to all N": one text per waiting message (the console shows each before sending), sent
 * through the outbox as private replies; each message's idempotency key is `<idempotencyKey>:<messageId>`,
 * so a retried request queues nothing twice.
 */
export const orderBulkReplyRequestSchema = z.object({
  idempotencyKey: z.string().min(8).max(200),
  replies: z.array(z.object({ messageId: z.string().min(1).max(200), text: z.string().min(1).max(2000) })).min(1).max(100),
});
export type OrderBulkReplyRequest = z.infer<typeof orderBulkReplyRequestSchema>;

export const orderBulkReplyResponseSchema = z.object({
  results: z.array(z.object({ messageId: z.string(), queued: z.boolean(), outboxIds: z.array(z.string()), problem: z.string().nullable() })),
});
export type OrderBulkReplyResponse = z.infer<typeof orderBulkReplyResponseSchema>;
