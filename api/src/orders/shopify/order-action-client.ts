import { z } from "zod";
import { PlatformApiError } from "../../connectors/contract.ts";
import { createShopifyGraphql, type ShopifyAdminClientOptions } from "./admin-client.ts";

const money = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) });

/** What an action needs to know about an order: whether it can be cancelled or refunded, and how much. */
const actionOrderSchema = z.object({
  id: z.string(),
  name: z.string(),
  sourceName: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullish() })).nullish(),
  cancelledAt: z.string().nullish(),
  displayFinancialStatus: z.string().nullish(),
  displayFulfillmentStatus: z.string().nullish(),
  totalPriceSet: money.nullish(),
  lineItems: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        variantTitle: z.string().nullish(),
        quantity: z.number().int(),
        refundableQuantity: z.number().int(),
        discountedUnitPriceSet: money.nullish(),
      }),
    ),
  }),
  transactions: z.array(z.object({ id: z.string(), gateway: z.string().nullish(), kind: z.string(), status: z.string().nullish() })).nullish(),
  refunds: z.array(z.object({ id: z.string(), note: z.string().nullish(), createdAt: z.string().nullish(), totalRefundedSet: money.nullish() })).nullish(),
});
export type ShopifyActionOrder = z.infer<typeof actionOrderSchema>;

const ORDER_FOR_ACTION_QUERY = `query OrderForAction($id: ID!) {
  order(id: $id) {
    id name sourceName tags customAttributes { key value } cancelledAt displayFinancialStatus displayFulfillmentStatus
    totalPriceSet { shopMoney { amount currencyCode } }
    lineItems(first: 100) { nodes { id title variantTitle quantity refundableQuantity discountedUnitPriceSet { shopMoney { amount currencyCode } } } }
    transactions(first: 20) { id gateway kind status }
    refunds(first: 50) { id note createdAt totalRefundedSet { shopMoney { amount currencyCode } } }
  }
}`;

/**
 * What Shopify would refund: the lines with their share of tax, the shipping, the total, and the
 * transactions to take it from. Shopify computes the tax, so a refund asks it rather than
 * adding up prices (a full refund gives back shipping and tax too, a line refund that line's tax).
 */
const SUGGESTED_REFUND_QUERY = `query SuggestedRefund($id: ID!, $suggestFullRefund: Boolean, $refundShipping: Boolean, $refundLineItems: [RefundLineItemInput!]) {
  order(id: $id) {
    id
    suggestedRefund(suggestFullRefund: $suggestFullRefund, refundShipping: $refundShipping, refundLineItems: $refundLineItems) {
      amountSet { shopMoney { amount currencyCode } }
      subtotalSet { shopMoney { amount currencyCode } }
      totalTaxSet { shopMoney { amount currencyCode } }
      shipping { amountSet { shopMoney { amount currencyCode } } maximumRefundableSet { shopMoney { amount currencyCode } } }
      refundLineItems { lineItem { id } quantity restockType }
      suggestedTransactions { gateway kind amountSet { shopMoney { amount currencyCode } } parentTransaction { id } }
    }
  }
}`;

const suggestedRefundSchema = z.object({
  amountSet: money,
  subtotalSet: money,
  totalTaxSet: money,
  shipping: z.object({ amountSet: money, maximumRefundableSet: money.nullish() }),
  refundLineItems: z.array(z.object({ lineItem: z.object({ id: z.string() }), quantity: z.number().int(), restockType: z.string().nullish() })),
  suggestedTransactions: z.array(z.object({ gateway: z.string().nullish(), kind: z.string().nullish(), amountSet: money, parentTransaction: z.object({ id: z.string() }).nullish() })),
});
export type ShopifySuggestedRefund = z.infer<typeof suggestedRefundSchema>;

const ORDER_CANCEL_MUTATION = `mutation OrderCancel($orderId: ID!, $reason: OrderCancelReason!, $refundMethod: OrderCancelRefundMethodInput, $restock: Boolean!, $notifyCustomer: Boolean, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, refundMethod: $refundMethod, restock: $restock, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}`;

// `@idempotent` (Admin API 2026-01 and later): Shopify answers a repeat with the same key with
// the refund it already made instead of refunding twice.
const REFUND_CREATE_MUTATION = `mutation RefundCreate($input: RefundInput!, $idempotencyKey: String!) {
  refundCreate(input: $input) @idempotent(key: $idempotencyKey) {
    refund { id note createdAt totalRefundedSet { shopMoney { amount currencyCode } } }
    userErrors { field message }
  }
}`;

const userErrors = z.array(z.object({ message: z.string(), code: z.string().nullish() }));
const cancelPayload = z.object({
  orderCancel: z.object({ job: z.object({ id: z.string(), done: z.boolean().nullish() }).nullish(), orderCancelUserErrors: userErrors }).nullable(),
});
const refundPayload = z.object({
  refundCreate: z
    .object({ refund: z.object({ id: z.string(), note: z.string().nullish(), totalRefundedSet: money.nullish() }).nullish(), userErrors: userErrors })
    .nullable(),
});

function read<T>(what: string, data: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(data);
  // A 200 we cannot read is Shopify's hiccup or a shape change: it may have acted, so retry as uncertain.
  if (!parsed.success) throw new PlatformApiError("transient", `Shopify answered an unreadable ${what}`);
  return parsed.data;
}

export interface ShopifyRefundRequest {
  orderId: string;
  lines: { lineItemId: string; quantity: number }[];
  /** The shipping to give back (a decimal string), or null for none. */
  shippingAmount: string | null;
  /** Where the money comes from: each parent transaction (the sale or capture) and the amount it gives back. */
  transactions: { parentId: string; gateway: string; amount: string }[];
  note: string;
  idempotencyKey: string;
}

export type ShopifyOrderActionClient = ReturnType<typeof createShopifyOrderActionClient>;

/** Shopify's order mutations an agent may run (cancel, refund) and the read they are checked against. */
export function createShopifyOrderActionClient(options: ShopifyAdminClientOptions) {
  const graphql = createShopifyGraphql(options);
  return {
    /** The order as an action needs it, or null when the store has no such order. */
    async order(id: string): Promise<ShopifyActionOrder | null> {
      const data = read("order", await graphql(ORDER_FOR_ACTION_QUERY, { id }), z.object({ order: actionOrderSchema.nullable() }).nullable());
      return data?.order ?? null;
    },

    /** `orderCancel`: Shopify cancels in a job; the job's id is what it answers. */
    async cancel(input: { orderId: string; reason: string; refund: boolean; restock: boolean; staffNote: string }): Promise<{ jobId: string | null }> {
      const data = read(
        "order cancellation",
        await graphql(ORDER_CANCEL_MUTATION, {
          orderId: input.orderId,
          reason: input.reason,
          refundMethod: input.refund ? { originalPaymentMethodsRefund: true } : null,
          restock: input.restock,
          notifyCustomer: true,
          staffNote: input.staffNote,
        }),
        cancelPayload,
      );
      const [error] = data.orderCancel?.orderCancelUserErrors ?? [];
      if (error) throw new PlatformApiError("rejected", `Shopify refused the cancellation: ${error.message}`, { ...(error.code && { platformCode: error.code }) });
      return { jobId: data.orderCancel?.job?.id ?? null };
    },

    /**
     * `order.suggestedRefund`: everything still refundable with its shipping (`lines` null), or
     * those lines with their tax and no shipping. Null when the store has no such order.
     */
    async suggestRefund(orderId: string, lines: { lineItemId: string; quantity: number }[] | null): Promise<ShopifySuggestedRefund | null> {
      const variables = lines
        ? { id: orderId, suggestFullRefund: false, refundShipping: false, refundLineItems: lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity })) }
        : { id: orderId, suggestFullRefund: true, refundShipping: true };
      const data = read("refund suggestion", await graphql(SUGGESTED_REFUND_QUERY, variables), z.object({ order: z.object({ suggestedRefund: suggestedRefundSchema }).nullable() }).nullable());
      return data?.order?.suggestedRefund ?? null;
    },

    /** `refundCreate` with the action's idempotency key. */
    async refund(request: ShopifyRefundRequest): Promise<{ refundId: string }> {
      const input = {
        orderId: request.orderId,
        note: request.note,
        notify: true,
        refundLineItems: request.lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity, restockType: "NO_RESTOCK" })),
        ...(request.shippingAmount !== null && { shipping: { amount: request.shippingAmount } }),
        transactions: request.transactions.map((t) => ({ orderId: request.orderId, parentId: t.parentId, gateway: t.gateway, kind: "REFUND", amount: t.amount })),
      };
      const data = read("refund", await graphql(REFUND_CREATE_MUTATION, { input, idempotencyKey: request.idempotencyKey }), refundPayload);
      const [error] = data.refundCreate?.userErrors ?? [];
      if (error) throw new PlatformApiError("rejected", `Shopify refused the refund: ${error.message}`);
      const refund = data.refundCreate?.refund;
      if (!refund) throw new PlatformApiError("transient", "Shopify answered the refund without a refund");
      return { refundId: refund.id };
    },
  };
}
