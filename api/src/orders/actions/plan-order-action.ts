import { eq } from "drizzle-orm";
import { ORDER_SYSTEM_NAMES, type Money, type OrderActionInput, type OrderActionLine, type OrderActionPlan, type RefundBreakdown, type UserRole } from "@surgedesk/shared";
import type { Config } from "../../config.ts";
import { PlatformApiError } from "../../connectors/contract.ts";
import type { ConnectorRegistry } from "../../connectors/registry.ts";
import type { Database } from "../../db/client.ts";
import { workspaces } from "../../db/schema/index.ts";
import { ApiError } from "../../errors/api-error.ts";
import { couldNotAsk } from "../could-not-ask.ts";
import type { ShopifyActionOrder, ShopifySuggestedRefund } from "../shopify/order-action-client.ts";
import { tiktokOrderIdOf } from "../shopify/shopify-order-record.ts";
import { accountName, afterSaleDeskFor, sellingAccounts, shopifyActionClient } from "./order-action-systems.ts";

export interface PlannedAction {
  plan: OrderActionPlan;
  /** The TikTok Shop account that owns the order (null for Shopify). */
  accountId: string | null;
}

export interface PlanInput {
  db: Database;
  config: Config;
  connectors: ConnectorRegistry;
  workspaceId: string;
  role: UserRole;
  action: OrderActionInput;
  fetch?: typeof fetch;
}

const cents = (amount: string) => Math.round(Number(amount) * 100);
export const moneyWords = (m: Money) => `${(cents(m.amount) / 100).toFixed(2)} ${m.currency}`;

/** A shop that cannot be asked is a 503 in words, never "no order". */
async function asking<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof PlatformApiError && error.kind === "rejected") throw new ApiError("conflict", couldNotAsk(name, error));
    throw new ApiError("unavailable", couldNotAsk(name, error));
  }
}

/** The lines of a Shopify order as the confirmation lists them. */
function shopifyLines(order: ShopifyActionOrder): OrderActionLine[] {
  return order.lineItems.nodes.map((l) => {
    const unit = l.discountedUnitPriceSet?.shopMoney;
    return {
      lineItemId: l.id,
      title: l.title,
      variant: l.variantTitle ?? null,
      quantity: l.quantity,
      refundableQuantity: l.refundableQuantity,
      amount: unit ? { amount: ((cents(unit.amount) * l.quantity) / 100).toFixed(2), currency: unit.currencyCode } : null,
    };
  });
}

/**
 * Refuses a Shopify action on an order TikTok Shop owns: the TikTok channel's copy in Shopify
 * cannot be refunded or cancelled there (TikTok Shop took the payment and settles it).
 */
function refuseTikTokOwned(order: ShopifyActionOrder) {
  const tiktokOrderId = tiktokOrderIdOf(order);
  if (!tiktokOrderId) return;
  throw new ApiError(
    "conflict",
    `${order.name} is TikTok Shop order ${tiktokOrderId}, synced into Shopify: TikTok Shop took the payment and owns its refunds and cancellations, so Shopify cannot refund or cancel it. Decide the buyer's request in TikTok Shop instead.`,
  );
}

async function threshold(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db.select({ over: workspaces.refundApprovalOver }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return cents(row?.over ?? "100");
}

/** Refunds above the workspace's threshold wait for an admin, unless an admin asks. */
async function approval(input: PlanInput, amount: Money | null): Promise<Pick<OrderActionPlan, "needsApproval" | "approvalReason">> {
  if (!amount) return { needsApproval: false, approvalReason: null };
  const over = await threshold(input.db, input.workspaceId);
  if (cents(amount.amount) <= over) return { needsApproval: false, approvalReason: null };
  const reason = `Refunds above ${(over / 100).toFixed(2)} ${amount.currency} need an admin's approval.`;
  return input.role === "admin" ? { needsApproval: false, approvalReason: `${reason} You are an admin: it runs at once.` } : { needsApproval: true, approvalReason: reason };
}

async function planShopify(input: PlanInput & { action: Extract<OrderActionInput, { kind: "shopify_cancel" | "shopify_refund" }> }): Promise<PlannedAction> {
  const { action } = input;
  const name = ORDER_SYSTEM_NAMES.shopify;
  const client = shopifyActionClient(input.config, input.fetch);
  const order = await asking(name, () => client.order(action.orderId));
  if (!order) throw new ApiError("not_found", `Shopify has no order ${action.orderId}.`);
  refuseTikTokOwned(order);
  if (order.cancelledAt) throw new ApiError("conflict", `${order.name} was already cancelled in Shopify.`);
  const orderLines = shopifyLines(order);
  const total = order.totalPriceSet?.shopMoney;
  const base = { system: "shopify" as const, systemName: name, orderLabel: order.name, orderLines };

  if (action.kind === "shopify_cancel") {
    if (order.displayFulfillmentStatus !== "UNFULFILLED") {
      throw new ApiError("conflict", `${order.name} is ${(order.displayFulfillmentStatus ?? "not unfulfilled").toLowerCase().replace(/_/g, " ")}: only an unfulfilled order can be cancelled. Offer a return or a refund instead.`);
    }
    const amount = action.refund && total ? { amount: total.amount, currency: total.currencyCode } : null;
    const summary = [
      `Cancel order ${order.name} in Shopify (reason: ${action.reason.toLowerCase()})`,
      amount ? `, refund ${moneyWords(amount)} to the original payment method` : ", without a refund",
      action.restock ? " and restock its items." : ".",
      " Shopify emails the customer.",
    ].join("");
    return { accountId: null, plan: { ...base, kind: "shopify_cancel", summary, amount, lines: orderLines, needsApproval: false, approvalReason: null } };
  }

  const byId = new Map(orderLines.map((l) => [l.lineItemId, l]));
  const refundable = orderLines.filter((l) => (l.refundableQuantity ?? 0) > 0);
  const wanted = action.lines ?? refundable.map((l) => ({ lineItemId: l.lineItemId!, quantity: l.refundableQuantity! }));
  const lines: OrderActionLine[] = [];
  for (const want of wanted) {
    const line = byId.get(want.lineItemId);
    if (!line) throw new ApiError("bad_request", `${order.name} has no line ${want.lineItemId}.`);
    if (want.quantity > (line.refundableQuantity ?? 0)) {
      throw new ApiError("conflict", `Only ${line.refundableQuantity} of "${line.title}" on ${order.name} can still be refunded (asked for ${want.quantity}).`);
    }
    const unit = line.amount ? cents(line.amount.amount) / line.quantity : 0;
    lines.push({ ...line, quantity: want.quantity, amount: line.amount ? { amount: (Math.round(unit * want.quantity) / 100).toFixed(2), currency: line.amount.currency } : null });
  }
  // Shopify works out the money: the lines' tax, and on a full refund the shipping left. Its
  // suggestion is what the confirmation shows and what the threshold compares.
  const suggested = await asking(name, () => client.suggestRefund(action.orderId, action.lines ?? null));
  if (!suggested) throw new ApiError("not_found", `Shopify has no order ${action.orderId}.`);
  const breakdown = refundBreakdownOf(suggested);
  if (cents(breakdown.total.amount) <= 0) throw new ApiError("conflict", `Nothing on ${order.name} is left to refund.`);
  const amount = breakdown.total;
  const what = action.lines ? lines.map((l) => `${l.quantity} × ${l.title}`).join(", ") : "everything still refundable";
  const summary = `Refund ${moneyWords(amount)} on order ${order.name} in Shopify (${what}: ${breakdownWords(breakdown)}) to the original payment method. Shopify emails the customer.`;
  return { accountId: null, plan: { ...base, kind: "shopify_refund", summary, amount, refundBreakdown: breakdown, lines, ...(await approval(input, amount)) } };
}

const moneyOf = (set: { shopMoney: { amount: string; currencyCode: string } }): Money => ({ amount: (cents(set.shopMoney.amount) / 100).toFixed(2), currency: set.shopMoney.currencyCode });

/** Shopify's suggested refund as the plan keeps it. */
export function refundBreakdownOf(suggested: ShopifySuggestedRefund): RefundBreakdown {
  return { items: moneyOf(suggested.subtotalSet), shipping: moneyOf(suggested.shipping.amountSet), tax: moneyOf(suggested.totalTaxSet), total: moneyOf(suggested.amountSet) };
}

/** "items 90.00 USD + shipping 6.95 USD + tax 7.20 USD" */
export const breakdownWords = (b: RefundBreakdown) => `items ${moneyWords(b.items)} + shipping ${moneyWords(b.shipping)} + tax ${moneyWords(b.tax)}`;

async function planTikTok(input: PlanInput & { action: Extract<OrderActionInput, { kind: "tiktok_cancellation" | "tiktok_return" }> }): Promise<PlannedAction> {
  const { action } = input;
  const accounts = await sellingAccounts(input.db, input.connectors, input.workspaceId);
  if (accounts.length === 0) throw new ApiError("conflict", "No TikTok Shop account is connected: TikTok Shop orders cannot be changed from here.");
  const kind = action.kind === "tiktok_cancellation" ? "cancellation" : "return";
  for (const account of accounts) {
    const name = accountName(account);
    const desk = afterSaleDeskFor(input.config, input.connectors, account, input.fetch);
    const found = await asking(name, () => desk.find(action.orderId, kind, action.requestId));
    if (!found) continue;
    const { request } = found;
    const what = kind === "cancellation" ? "cancellation request" : "return or refund request";
    if (!request) throw new ApiError("not_found", `TikTok Shop order ${action.orderId} has no ${what} ${action.requestId}.`);
    if (!request.pending) throw new ApiError("conflict", `The ${what} on ${action.orderId} was already decided (${request.statusWords}).`);
    const refund = request.refund;
    const base = { system: "tiktok_shop" as const, systemName: name, orderLabel: action.orderId, orderLines: request.lines, lines: request.lines };
    if (kind === "cancellation") {
      const summary =
        action.decision === "approve"
          ? `Approve the buyer's cancellation request on TikTok Shop order ${action.orderId}: TikTok Shop cancels the order${refund ? ` and refunds ${moneyWords(refund)}` : ""}.`
          : `Reject the buyer's cancellation request on TikTok Shop order ${action.orderId} (reason shown to the buyer: "${action.rejectReason}"); the order goes on to ship.`;
      return { accountId: account.id, plan: { ...base, kind: "tiktok_cancellation", summary, amount: action.decision === "approve" ? refund : null, needsApproval: false, approvalReason: null } };
    }
    const label = request.returnType === "REFUND" ? "refund request" : request.returnType === "REPLACEMENT" ? "replacement request" : "return request";
    const summary =
      action.decision === "approve"
        ? `Approve the buyer's ${label} on TikTok Shop order ${action.orderId}${refund ? `: TikTok Shop refunds ${moneyWords(refund)}${request.returnType === "RETURN_AND_REFUND" ? " once the parcel is back" : ""}` : ""}.`
        : `Reject the buyer's ${label} on TikTok Shop order ${action.orderId} (reason shown to the buyer: "${action.rejectReason}").`;
    const amount = action.decision === "approve" ? refund : null;
    return { accountId: account.id, plan: { ...base, kind: "tiktok_return", summary, amount, ...(await approval(input, amount)) } };
  }
  throw new ApiError("not_found", `No connected TikTok Shop account has order ${action.orderId}.`);
}

/**
 * What an action would do, read fresh from the system that owns the order: the confirmation shows
 * it, the action row keeps it, and the worker does exactly that. Refuses in words (4xx) what the
 * owner would refuse, and a Shopify action on a TikTok Shop order.
 */
export function planOrderAction(input: PlanInput): Promise<PlannedAction> {
  const { action } = input;
  if (action.kind === "shopify_cancel" || action.kind === "shopify_refund") return planShopify({ ...input, action });
  return planTikTok({ ...input, action });
}
