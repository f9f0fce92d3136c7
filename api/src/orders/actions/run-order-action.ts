import { eq } from "drizzle-orm";
import type { OrderActionInput, OrderActionPlan } from "@surgedesk/shared";
import type { Config } from "../../config.ts";
import { PlatformApiError } from "../../connectors/contract.ts";
import type { Database } from "../../db/client.ts";
import { connectedAccounts } from "../../db/schema/index.ts";
import { createAfterSaleDecisions } from "../../platforms/tiktok-shop/orders/after-sale-decisions.ts";
import { createOrdersClient } from "../../platforms/tiktok-shop/orders/orders-client.ts";
import { cancellationStatusInWords, returnStatusInWords } from "../../platforms/tiktok-shop/orders/order-record.ts";
import { moneyWords, PENDING_CANCELLATION, PENDING_RETURNS } from "./plan-order-action.ts";
import { shopifyActionClient, tiktokShopClientOptions } from "./order-action-systems.ts";
import type { OrderActionRow } from "./order-action-store.ts";

/** What the owning system did, in words for the conversation's note, and its id for it. */
export interface ActionOutcome {
  result: string;
  externalId: string | null;
}

/** One attempt's progress: `reachedCall` once the attempt may have changed something on the shop. */
export interface AttemptState {
  reachedCall: boolean;
}

/** A refused action that cannot get better by retrying (the shop said no, or someone else decided). */
export class ActionRefused extends PlatformApiError {
  constructor(message: string) {
    super("rejected", message);
  }
}

/** The marker a Shopify refund's note carries, so a check after a lost answer finds this action's refund. */
export const refundMarker = (actionId: string) => `[surgedesk ${actionId}]`;

const decidedAs = (decision: "approve" | "reject", status: string, kind: "cancellation" | "return"): "ours" | "other" | "pending" => {
  if (kind === "cancellation" ? status === PENDING_CANCELLATION : PENDING_RETURNS.has(status)) return "pending";
  const rejected = /REJECT/.test(status);
  const withdrawn = /_CANCEL$/.test(status);
  if (withdrawn) return "other";
  return (decision === "reject") === rejected ? "ours" : "other";
};

function outcomeWords(plan: OrderActionPlan, input: OrderActionInput): string {
  switch (input.kind) {
    case "shopify_cancel":
      return `Cancelled order ${plan.orderLabel} in Shopify${plan.amount ? `; ${moneyWords(plan.amount)} refunded to the original payment method` : ", no refund"}${input.restock ? ", items restocked" : ""}.`;
    case "shopify_refund":
      return `Refunded ${plan.amount ? moneyWords(plan.amount) : "the order"} on ${plan.orderLabel} in Shopify (${plan.lines.map((l) => `${l.quantity} × ${l.title}`).join(", ")}).`;
    case "tiktok_cancellation":
      return input.decision === "approve"
        ? `Approved the buyer's cancellation request on TikTok Shop order ${plan.orderLabel}${plan.amount ? `; TikTok Shop refunds ${moneyWords(plan.amount)}` : ""}.`
        : `Rejected the buyer's cancellation request on TikTok Shop order ${plan.orderLabel}: "${input.rejectReason}".`;
    case "tiktok_return":
      return input.decision === "approve"
        ? `Approved the buyer's return/refund request on TikTok Shop order ${plan.orderLabel}${plan.amount ? ` (${moneyWords(plan.amount)})` : ""}.`
        : `Rejected the buyer's return/refund request on TikTok Shop order ${plan.orderLabel}: "${input.rejectReason}".`;
  }
}

/**
 * One attempt at an action, on the system that owns the order. An attempt after one that may have
 * reached the shop (`uncertainSince`: a 5xx, a lost answer, a worker that died) looks first:
 * a cancelled order, a refund carrying this action's marker, a request no longer pending. Shopify
 * refunds and TikTok Shop decisions also carry the action's id as the platform's idempotency key,
 * so even a repeat that slips past the check is answered, not done twice.
 */
export async function runOrderAction(input: { db: Database; config: Config; row: OrderActionRow; state: AttemptState; fetch?: typeof fetch }): Promise<ActionOutcome> {
  const { db, config, row, state } = input;
  const action = row.input;
  const uncertain = row.uncertainSince !== null;
  const done = (externalId: string | null): ActionOutcome => ({ result: outcomeWords(row.plan, action), externalId });

  if (action.kind === "shopify_cancel" || action.kind === "shopify_refund") {
    const client = shopifyActionClient(config, input.fetch);
    const order = await client.order(action.orderId);
    if (!order) throw new ActionRefused(`Shopify no longer has order ${row.plan.orderLabel}.`);
    if (action.kind === "shopify_cancel") {
      if (order.cancelledAt) {
        if (uncertain) return done(null);
        throw new ActionRefused(`${order.name} was already cancelled in Shopify.`);
      }
      state.reachedCall = true;
      const { jobId } = await client.cancel({ orderId: action.orderId, reason: action.reason, refund: action.refund, restock: action.restock, staffNote: `Cancelled from Surgedesk ${refundMarker(row.id)}` });
      return done(jobId);
    }
    const marker = refundMarker(row.id);
    const mine = order.refunds?.find((r) => r.note?.includes(marker));
    if (mine) return done(mine.id);
    const parent = order.transactions?.find((t) => (t.kind === "SALE" || t.kind === "CAPTURE") && (t.status ?? "SUCCESS") === "SUCCESS");
    state.reachedCall = true;
    const { refundId } = await client.refund({
      orderId: action.orderId,
      lines: row.plan.lines.flatMap((l) => (l.lineItemId ? [{ lineItemId: l.lineItemId, quantity: l.quantity }] : [])),
      transaction: parent && row.plan.amount ? { parentId: parent.id, gateway: parent.gateway ?? "manual", amount: row.plan.amount.amount } : null,
      note: `${action.note ? `${action.note} ` : ""}${marker}`,
      idempotencyKey: row.id,
    });
    return done(refundId);
  }

  const [account] = row.accountId ? await db.select().from(connectedAccounts).where(eq(connectedAccounts.id, row.accountId)) : [];
  if (!account) throw new ActionRefused("The TikTok Shop account that owns this order is no longer connected.");
  const options = tiktokShopClientOptions(config, account, input.fetch);
  const kind = action.kind === "tiktok_cancellation" ? "cancellation" : "return";
  // Read the request first, every attempt: it may have been decided on TikTok Shop since the
  // confirmation, or by an earlier attempt of ours whose answer was lost.
  const reader = createOrdersClient(options);
  const request =
    kind === "cancellation"
      ? (await reader.searchCancellations([action.orderId])).cancellations.find((c) => c.cancel_id === action.requestId)
      : (await reader.searchReturns([action.orderId])).returns.find((r) => r.return_id === action.requestId);
  if (!request) throw new ActionRefused(`TikTok Shop no longer shows request ${action.requestId} on order ${action.orderId}.`);
  const status = "cancel_status" in request ? request.cancel_status : request.return_status;
  const seen = decidedAs(action.decision, status, kind);
  if (seen !== "pending") {
    if (seen === "ours" && uncertain) return done(action.requestId);
    const words = kind === "cancellation" ? cancellationStatusInWords(status) : returnStatusInWords(status);
    throw new ActionRefused(`The request was already decided on TikTok Shop (${words}).`);
  }
  const decisions = createAfterSaleDecisions(options);
  state.reachedCall = true;
  if ("cancel_status" in request) await decisions.decideCancellation(action.requestId, action.decision, row.id, action.rejectReason);
  else await decisions.decideReturn(action.requestId, request.return_type, action.decision, row.id, action.rejectReason);
  return done(action.requestId);
}
