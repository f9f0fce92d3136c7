import { eq } from "drizzle-orm";
import type { OrderActionInput, OrderActionPlan } from "@surgedesk/shared";
import type { Config } from "../../config.ts";
import { PlatformApiError } from "../../connectors/contract.ts";
import type { Database } from "../../db/client.ts";
import { connectedAccounts } from "../../db/schema/index.ts";
import type { ConnectorRegistry } from "../../connectors/registry.ts";
import { breakdownWords, moneyWords, refundBreakdownOf } from "./plan-order-action.ts";
import { afterSaleDeskFor, shopifyActionClient } from "./order-action-systems.ts";
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

const cents = (amount: string) => Math.round(Number(amount) * 100);

/** The marker a Shopify refund's note carries, so a check after a lost answer finds this action's refund. */
export const refundMarker = (actionId: string) => `[surgedesk ${actionId}]`;

function outcomeWords(plan: OrderActionPlan, input: OrderActionInput): string {
  switch (input.kind) {
    case "shopify_cancel":
      return `Cancelled order ${plan.orderLabel} in Shopify${plan.amount ? `; ${moneyWords(plan.amount)} refunded to the original payment method` : ", no refund"}${input.restock ? ", items restocked" : ""}.`;
    case "shopify_refund":
      return `Refunded ${plan.amount ? moneyWords(plan.amount) : "the order"} on ${plan.orderLabel} in Shopify (${plan.lines.map((l) => `${l.quantity} × ${l.title}`).join(", ")}${plan.refundBreakdown ? `; ${breakdownWords(plan.refundBreakdown)}` : ""}).`;
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
export async function runOrderAction(input: { db: Database; config: Config; connectors: ConnectorRegistry; row: OrderActionRow; state: AttemptState; fetch?: typeof fetch }): Promise<ActionOutcome> {
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
    // Ask Shopify again for the same refund: the transactions to take it from are read fresh,
    // and a total that moved since the confirmation (another refund, an edit) is not what was confirmed.
    const suggested = await client.suggestRefund(action.orderId, action.lines ?? null);
    if (!suggested) throw new ActionRefused(`Shopify no longer has order ${row.plan.orderLabel}.`);
    const now = refundBreakdownOf(suggested);
    if (row.plan.amount && cents(now.total.amount) !== cents(row.plan.amount.amount)) {
      throw new ActionRefused(`Shopify would now refund ${moneyWords(now.total)} on ${row.plan.orderLabel}, not the ${moneyWords(row.plan.amount)} confirmed: the order changed since. Nothing was refunded; preview the refund again.`);
    }
    const parent = order.transactions?.find((t) => (t.kind === "SALE" || t.kind === "CAPTURE") && (t.status ?? "SUCCESS") === "SUCCESS");
    const transactions = suggested.suggestedTransactions.flatMap((t) => {
      const parentId = t.parentTransaction?.id ?? parent?.id;
      return parentId ? [{ parentId, gateway: t.gateway ?? parent?.gateway ?? "manual", amount: t.amountSet.shopMoney.amount }] : [];
    });
    state.reachedCall = true;
    const { refundId } = await client.refund({
      orderId: action.orderId,
      lines: suggested.refundLineItems.map((l) => ({ lineItemId: l.lineItem.id, quantity: l.quantity })),
      shippingAmount: cents(now.shipping.amount) > 0 ? now.shipping.amount : null,
      transactions,
      note: `${action.note ? `${action.note} ` : ""}${marker}`,
      idempotencyKey: row.id,
    });
    return done(refundId);
  }

  const [account] = row.accountId ? await db.select().from(connectedAccounts).where(eq(connectedAccounts.id, row.accountId)) : [];
  if (!account) throw new ActionRefused("The TikTok Shop account that owns this order is no longer connected.");
  const desk = afterSaleDeskFor(config, input.connectors, account, input.fetch);
  const kind = action.kind === "tiktok_cancellation" ? "cancellation" : "return";
  // Read the request first, every attempt: it may have been decided on TikTok Shop since the
  // confirmation, or by an earlier attempt of ours whose answer was lost.
  const request = (await desk.find(action.orderId, kind, action.requestId))?.request;
  if (!request) throw new ActionRefused(`TikTok Shop no longer shows request ${action.requestId} on order ${action.orderId}.`);
  if (!request.pending) {
    const ours = !request.withdrawn && request.rejected === (action.decision === "reject");
    if (ours && uncertain) return done(action.requestId);
    throw new ActionRefused(`The request was already decided on TikTok Shop (${request.statusWords}).`);
  }
  state.reachedCall = true;
  await desk.decide(kind, action.requestId, request.returnType, action.decision, row.id, action.rejectReason);
  return done(action.requestId);
}
