import type { AfterSaleRequest, Label, Money, OrderRecord } from "@surgedesk/shared";

/**
 * Escalation from order history: what the text alone cannot tell. The classifier reads one
 * message; these rules read the order it is about and the buyer's other orders, so a claim that
 * is ordinary on its own ("it says delivered but it's not here") is raised when the history makes
 * it a risk (the same buyer was refunded as not received before). Pure: the lookup gathers the
 * facts, `raise-order-escalation.ts` stores the outcome.
 */

export type OrderEscalationRule = "repeat_not_received" | "damage_without_photos" | "refund_over_threshold";

export interface OrderEscalation {
  rule: OrderEscalationRule;
  /** In words, for the agent: what fired and on which order. */
  reason: string;
}

export interface OrderEscalationFacts {
  label: Label | null;
  order: OrderRecord;
  otherOrders: readonly OrderRecord[];
  /** The buyer sent a photo or video in this conversation (evidence of a damage claim). */
  photosInConversation: boolean;
  /** The workspace's `refund_approval_over`, in the shop's currency. */
  refundApprovalOver: number;
}

// An earlier claim is known from the owning system's after-sales record: a refund or return whose
// reason says the parcel never came (Shopify's refund note, TikTok Shop's return reason).
const NOT_RECEIVED = /\b(not|never)\s+(been\s+)?(received|arrived|delivered)|\bdnr\b|\blost\b|package\s+(missing|not\s+found)|no\s+(me\s+)?(ha\s+)?llegad?o|no\s+recibid/i;

const nameOf = (order: OrderRecord) => order.shopifyName ?? (order.tiktokOrderId ? `TikTok Shop order ${order.tiktokOrderId}` : "the order");
const amountOf = (money: Money | null): number | null => {
  if (!money) return null;
  const value = Number(money.amount);
  return Number.isFinite(value) ? value : null;
};
const says = (money: Money) => `${Number(money.amount).toFixed(2)} ${money.currency}`;
const day = (iso: string | null) => (iso ? ` on ${iso.slice(0, 10)}` : "");

function earlierNotReceived(facts: OrderEscalationFacts): { order: OrderRecord; request: AfterSaleRequest } | null {
  for (const order of facts.otherOrders) {
    if (sameOrder(order, facts.order)) continue;
    const request = order.afterSales.find((a) => a.kind !== "cancellation" && a.reason !== null && NOT_RECEIVED.test(a.reason));
    if (request) return { order, request };
  }
  return null;
}

const sameOrder = (a: OrderRecord, b: OrderRecord) =>
  (a.shopifyName !== null && a.shopifyName === b.shopifyName) || (a.tiktokOrderId !== null && a.tiktokOrderId === b.tiktokOrderId);

/** The refund the buyer asks for: an open refund or return request's amount, else the order's total. */
function requestedRefund(order: OrderRecord): Money | null {
  const open = order.afterSales.find((a) => a.kind !== "cancellation" && a.refundAmount && !/completed|rejected|withdrawn|cancel/i.test(a.status));
  return open?.refundAmount ?? order.total;
}

export function orderEscalations(facts: OrderEscalationFacts): OrderEscalation[] {
  const { label, order, refundApprovalOver: threshold } = facts;
  const fired: OrderEscalation[] = [];
  const limit = threshold.toFixed(2);

  if (label === "not_received") {
    const earlier = earlierNotReceived(facts);
    if (earlier) {
      const what = earlier.request.status && /completed|refunded|approved/i.test(earlier.request.status) ? "was refunded" : "had a claim";
      fired.push({
        rule: "repeat_not_received",
        reason: `Repeat delivered-not-received claim: this buyer's earlier order ${nameOf(earlier.order)} ${what} as not received${day(earlier.request.requestedAt)}.`,
      });
    }
  }

  const total = amountOf(order.total);
  if (label === "damaged_item" && !facts.photosInConversation && order.total && total !== null && total > threshold) {
    fired.push({
      rule: "damage_without_photos",
      reason: `Damage claim without photos on a high-value order: ${nameOf(order)} is ${says(order.total)} (over ${limit}). Ask for photos before a refund or replacement.`,
    });
  }

  if (label === "return_refund") {
    const refund = requestedRefund(order);
    const value = amountOf(refund);
    if (refund && value !== null && value > threshold) {
      fired.push({
        rule: "refund_over_threshold",
        reason: `Refund request above the approval threshold: ${says(refund)} on ${nameOf(order)} (over ${limit}) needs an admin's approval.`,
      });
    }
  }
  return fired;
}
