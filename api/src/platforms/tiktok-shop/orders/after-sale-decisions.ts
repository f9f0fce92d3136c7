import { createShopTransport, type ShopClientOptions } from "../shop-transport.ts";

export const RETURN_REFUND_PATH = "/return_refund/202309";

/** The decisions a seller makes on a buyer's request (202309). */
export type AfterSaleDecision = "approve" | "reject";

/**
 * Approves or rejects a buyer's cancellation or return/refund request through the Partner API
 * (202309), signed like every other call. Each call carries an `idempotency_key`: TikTok Shop
 * answers a repeat with the same key as it answered the first, without deciding twice.
 */
export function createAfterSaleDecisions(options: ShopClientOptions) {
  const { call } = createShopTransport(options);
  return {
    /** `POST /return_refund/202309/cancellations/{cancel_id}/approve|reject`. */
    async decideCancellation(cancelId: string, decision: AfterSaleDecision, idempotencyKey: string, rejectReason?: string): Promise<void> {
      const path = `${RETURN_REFUND_PATH}/cancellations/${encodeURIComponent(cancelId)}/${decision}`;
      await call("POST", path, { idempotency_key: idempotencyKey }, decision === "reject" ? { reject_reason: rejectReason ?? "", comment: rejectReason ?? "" } : {});
    },

    /**
     * `POST /return_refund/202309/returns/{return_id}/approve|reject`, with the decision its type
     * calls for: a refund-only request is refunded, a return is accepted for the parcel to come back.
     */
    async decideReturn(returnId: string, returnType: string, decision: AfterSaleDecision, idempotencyKey: string, rejectReason?: string): Promise<void> {
      const path = `${RETURN_REFUND_PATH}/returns/${encodeURIComponent(returnId)}/${decision}`;
      const what = returnType === "REFUND" ? "REFUND" : returnType === "REPLACEMENT" ? "REPLACEMENT" : "RETURN";
      const body = decision === "approve" ? { decision: `APPROVE_${what}` } : { decision: `REJECT_${what}`, reject_reason: rejectReason ?? "", comment: rejectReason ?? "" };
      await call("POST", path, { idempotency_key: idempotencyKey }, body);
    },
  };
}
