import type { Money, OrderActionLine } from "@surgedesk/shared";
import type { OrderSourceInput } from "./order-source.ts";

export type AfterSaleKind = "cancellation" | "return";

/** A buyer's after-sale request as a shop reports it, for deciding it. */
export interface AfterSaleState {
  orderId: string;
  /** The order's lines as the confirmation lists them. */
  lines: OrderActionLine[];
  /** The shop's own status, and in words. */
  status: string;
  statusWords: string;
  /** Still waiting for the seller's decision. */
  pending: boolean;
  /** Decided as a rejection (else approved), when not pending; withdrawn by the buyer. */
  rejected: boolean;
  withdrawn: boolean;
  refund: Money | null;
  /** A return's type (`REFUND`, `RETURN_AND_REFUND`, `REPLACEMENT`); null for a cancellation. */
  returnType: string | null;
}

/**
 * A shop that lets its seller decide buyers' cancellation and return/refund requests (TikTok
 * Shop): read one request, and approve or reject it once per idempotency key.
 */
export interface AfterSaleDesk {
  /** Null when the shop has no such order; `request: null` when the order has no such request. */
  find(orderId: string, kind: AfterSaleKind, requestId: string): Promise<{ request: AfterSaleState | null } | null>;
  decide(kind: AfterSaleKind, requestId: string, returnType: string | null, decision: "approve" | "reject", idempotencyKey: string, rejectReason?: string): Promise<void>;
}

export type AfterSaleDeskInput = OrderSourceInput & { fetch?: typeof fetch };
