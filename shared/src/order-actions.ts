import { z } from "zod";
import { moneySchema, orderSystemSchema } from "./orders.ts";

/**
 * Order actions, each run by the system that owns the order: Shopify cancels and refunds its own
 * orders; TikTok Shop decides its buyers' cancellation and return/refund requests. A TikTok Shop
 * order is never refunded through Shopify, even when the TikTok channel synced it there.
 */
export const ORDER_ACTION_KINDS = ["shopify_cancel", "shopify_refund", "tiktok_cancellation", "tiktok_return"] as const;
export const orderActionKindSchema = z.enum(ORDER_ACTION_KINDS);
export type OrderActionKind = z.infer<typeof orderActionKindSchema>;

/**
 * `awaiting_approval` (a refund above the workspace's threshold, until an admin decides),
 * `declined` (the admin said no), `queued` → `running` → `done` | `failed`.
 */
export const ORDER_ACTION_STATUSES = ["awaiting_approval", "declined", "queued", "running", "done", "failed"] as const;
export const orderActionStatusSchema = z.enum(ORDER_ACTION_STATUSES);
export type OrderActionStatus = z.infer<typeof orderActionStatusSchema>;

/** The client makes one per confirmation dialog: the same request sent twice is one action. */
const idempotencyKey = z
  .string()
  .trim()
  .min(8, "idempotencyKey: at least 8 characters (a UUID per confirmation)")
  .max(200)
  .regex(/^[\w:.-]+$/, "idempotencyKey: letters, digits, and : . _ - only");
/** The conversation the action is for: its result is posted there as a note. */
const messageId = z.string().trim().min(1).max(100);
const shopifyOrderId = z
  .string()
  .trim()
  .regex(/^gid:\/\/shopify\/Order\/\d{1,20}$/, "orderId: a Shopify order id (gid://shopify/Order/…)");
const tiktokOrderId = z
  .string()
  .trim()
  .regex(/^\d{15,20}$/, "orderId: a TikTok Shop order id (digits)");
const requestId = z
  .string()
  .trim()
  .regex(/^\d{1,30}$/, "requestId: the TikTok Shop request's id (digits)");
const decision = z.enum(["approve", "reject"]);
/** Said to the buyer by TikTok Shop when a request is rejected. */
const rejectReason = z.string().trim().min(3).max(500);

export const shopifyRefundLineSchema = z
  .object({
    lineItemId: z.string().trim().regex(/^gid:\/\/shopify\/LineItem\/\d{1,20}$/, "lineItemId: a Shopify line item id"),
    quantity: z.number().int().min(1).max(10_000),
  })
  .meta({ id: "ShopifyRefundLine" });

export const orderActionInputSchema = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("shopify_cancel"),
      orderId: shopifyOrderId,
      /** Shopify's `OrderCancelReason`. */
      reason: z.enum(["CUSTOMER", "INVENTORY", "FRAUD", "DECLINED", "OTHER", "STAFF"]).default("CUSTOMER"),
      /** Refund the payment to the original method (default) and put the items back in stock. */
      refund: z.boolean().default(true),
      restock: z.boolean().default(true),
    }),
    z.object({
      kind: z.literal("shopify_refund"),
      orderId: shopifyOrderId,
      /** The lines and quantities to refund; absent: every line still refundable (a full refund). */
      lines: z.array(shopifyRefundLineSchema).min(1).max(100).optional(),
      note: z.string().trim().max(500).optional(),
    }),
    z.object({ kind: z.literal("tiktok_cancellation"), orderId: tiktokOrderId, requestId, decision, rejectReason: rejectReason.optional() }),
    z.object({ kind: z.literal("tiktok_return"), orderId: tiktokOrderId, requestId, decision, rejectReason: rejectReason.optional() }),
  ])
  .superRefine((input, ctx) => {
    if ((input.kind === "tiktok_cancellation" || input.kind === "tiktok_return") && input.decision === "reject" && !input.rejectReason) {
      ctx.addIssue({ code: "custom", path: ["rejectReason"], message: "rejectReason: say why (TikTok Shop shows it to the buyer)" });
    }
  })
  .meta({ id: "OrderActionInput" });
export type OrderActionInput = z.infer<typeof orderActionInputSchema>;
/** As a client sends it: the defaults (reason, refund, restock) may be left out. */
export type OrderActionInputDraft = z.input<typeof orderActionInputSchema>;

/** `POST /api/order-actions/preview`: what would happen, without doing it. */
export const orderActionPreviewRequestSchema = z.object({ messageId, action: orderActionInputSchema }).meta({ id: "OrderActionPreviewRequest" });
export type OrderActionPreviewRequest = z.input<typeof orderActionPreviewRequestSchema>;

/** `POST /api/order-actions`: do it (once per idempotency key). */
export const orderActionRequestSchema = orderActionPreviewRequestSchema.extend({ idempotencyKey }).meta({ id: "OrderActionRequest" });
export type OrderActionRequest = z.infer<typeof orderActionRequestSchema>;
export type OrderActionRequestDraft = z.input<typeof orderActionRequestSchema>;

export const orderActionLineSchema = z
  .object({
    /** Shopify's line item id (refunds choose by it); null for TikTok Shop's lines. */
    lineItemId: z.string().nullable(),
    title: z.string(),
    variant: z.string().nullable(),
    quantity: z.number().int(),
    /** Shopify: how many of the line can still be refunded. */
    refundableQuantity: z.number().int().nullable(),
    amount: moneySchema.nullable(),
  })
  .meta({ id: "OrderActionLine" });
export type OrderActionLine = z.infer<typeof orderActionLineSchema>;

/** A Shopify refund's money, as Shopify works it out: the items, the shipping and the tax, and their total. */
export const refundBreakdownSchema = z
  .object({ items: moneySchema, shipping: moneySchema, tax: moneySchema, total: moneySchema })
  .meta({ id: "RefundBreakdown" });
export type RefundBreakdown = z.infer<typeof refundBreakdownSchema>;

/** Exactly what will happen, as the confirmation shows it and as the action row keeps it. */
export const orderActionPlanSchema = z
  .object({
    kind: orderActionKindSchema,
    /** The system that will do it. */
    system: orderSystemSchema,
    /** "Shopify", "TikTok Shop (@glowbar)". */
    systemName: z.string(),
    /** The order as an agent names it: `#10479`, or the TikTok Shop order id. */
    orderLabel: z.string(),
    /** "Cancel order #10479 in Shopify, refund 42.00 USD to the original payment method and restock its items." */
    summary: z.string(),
    /** Money that moves back to the buyer, when the system says (a Shopify refund: items, shipping and tax together). */
    amount: moneySchema.nullable(),
    /** A Shopify refund: what the amount is made of. Absent on other actions (and on refunds asked before it was kept). */
    refundBreakdown: refundBreakdownSchema.nullable().optional(),
    /** The lines concerned (refunded, cancelled or returned). */
    lines: z.array(orderActionLineSchema),
    /** The order's lines as they are now, for choosing a partial refund. */
    orderLines: z.array(orderActionLineSchema),
    /** An admin must approve it first (a refund above the workspace's threshold, asked by an agent). */
    needsApproval: z.boolean(),
    /** Why, in words: "Refunds above 100.00 USD need an admin's approval." */
    approvalReason: z.string().nullable(),
  })
  .meta({ id: "OrderActionPlan" });
export type OrderActionPlan = z.infer<typeof orderActionPlanSchema>;

export const orderActionSchema = z
  .object({
    id: z.string(),
    messageId: z.string().nullable(),
    kind: orderActionKindSchema,
    status: orderActionStatusSchema,
    plan: orderActionPlanSchema,
    requestedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    decidedAt: z.string().datetime().nullable(),
    /** In words, once done or failed: what the system did, or why it did not. */
    result: z.string().nullable(),
    /** The system's own id for what it did (a refund's id, a job's id, the request's id). */
    externalId: z.string().nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  })
  .meta({ id: "OrderAction" });
export type OrderAction = z.infer<typeof orderActionSchema>;

export const orderActionListQuerySchema = z.object({ messageId: messageId.optional() });
export const orderActionListSchema = z.object({ actions: z.array(orderActionSchema) }).meta({ id: "OrderActionList" });
export type OrderActionList = z.infer<typeof orderActionListSchema>;

/** `GET /api/order-actions/approvals/count` (admins): how many refunds wait for an admin, for the navigation's badge. */
export const orderApprovalCountSchema = z.object({ waiting: z.number().int().nonnegative() }).meta({ id: "OrderApprovalCount" });
export type OrderApprovalCount = z.infer<typeof orderApprovalCountSchema>;

/** An admin's answer to a refund waiting for approval. */
export const orderActionDecisionSchema = z
  .object({ decision: decision, note: z.string().trim().max(500).optional() })
  .meta({ id: "OrderActionDecision" });
export type OrderActionDecision = z.infer<typeof orderActionDecisionSchema>;

export const ORDER_ACTION_STATUS_WORDS: Record<OrderActionStatus, string> = {
  awaiting_approval: "Waiting for an admin's approval",
  declined: "Declined by an admin",
  queued: "Queued",
  running: "In progress",
  done: "Done",
  failed: "Failed",
};
