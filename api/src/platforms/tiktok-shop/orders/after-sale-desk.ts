import type { OrderActionLine } from "@surgedesk/shared";
import { PlatformApiError } from "../../../connectors/contract.ts";
import type { AfterSaleDesk, AfterSaleDeskInput } from "../../../connectors/after-sale-desk.ts";
import { createAfterSaleDecisions } from "./after-sale-decisions.ts";
import { createOrdersClient } from "./orders-client.ts";
import { cancellationStatusInWords, returnStatusInWords } from "./order-record.ts";

const PENDING: ReadonlySet<string> = new Set(["CANCELLATION_REQUEST_PENDING", "RETURN_OR_REFUND_REQUEST_PENDING", "REPLACEMENT_REQUEST_PENDING"]);

/** The connector's `afterSales` capability: the connected shop's buyer requests, read and decided (202309). */
export function tiktokShopAfterSales({ config, account, accessToken, fetch: fetchImpl }: AfterSaleDeskInput): AfterSaleDesk {
  const { shopAppKey, shopAppSecret } = config.tiktok;
  if (!shopAppKey || !shopAppSecret) {
    throw new PlatformApiError("rejected", "TIKTOK_SHOP_APP_KEY and TIKTOK_SHOP_APP_SECRET must be set to call the TikTok Shop API.");
  }
  const options = {
    baseUrl: config.apiUrls.tiktokShop,
    appKey: shopAppKey,
    appSecret: shopAppSecret,
    accessToken,
    shopCipher: account.platformParams?.shop_cipher ?? null,
    ...(fetchImpl && { fetch: fetchImpl }),
  };
  const client = createOrdersClient(options);
  const decisions = createAfterSaleDecisions(options);
  return {
    async find(orderId, kind, requestId) {
      const [order] = await client.getOrders([orderId]);
      if (!order) return null;
      const lines: OrderActionLine[] = order.line_items.map((item) => ({
        lineItemId: null,
        title: item.product_name ?? "Item",
        variant: item.sku_name ?? null,
        quantity: 1,
        refundableQuantity: null,
        amount: item.sale_price ? { amount: item.sale_price, currency: item.currency ?? order.payment?.currency ?? "USD" } : null,
      }));
      const request =
        kind === "cancellation"
          ? (await client.searchCancellations([order.id])).cancellations.find((c) => c.cancel_id === requestId)
          : (await client.searchReturns([order.id])).returns.find((r) => r.return_id === requestId);
      if (!request) return { request: null };
      const status = "cancel_status" in request ? request.cancel_status : request.return_status;
      return {
        request: {
          orderId: order.id,
          lines,
          status,
          statusWords: kind === "cancellation" ? cancellationStatusInWords(status) : returnStatusInWords(status),
          pending: PENDING.has(status),
          rejected: /REJECT/.test(status),
          withdrawn: /_CANCEL$/.test(status),
          refund: request.refund_amount?.refund_total ? { amount: request.refund_amount.refund_total, currency: request.refund_amount.currency ?? "USD" } : null,
          returnType: "return_type" in request ? request.return_type : null,
        },
      };
    },
    async decide(kind, requestId, returnType, decision, idempotencyKey, rejectReason) {
      if (kind === "cancellation") await decisions.decideCancellation(requestId, decision, idempotencyKey, rejectReason);
      else await decisions.decideReturn(requestId, returnType ?? "RETURN_AND_REFUND", decision, idempotencyKey, rejectReason);
    },
  };
}
