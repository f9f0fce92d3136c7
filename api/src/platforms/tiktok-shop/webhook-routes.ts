import { Hono } from "hono";
import { ApiError, parseWebhookBody, type WebhookHost } from "../../connectors/contract.ts";
import { conversationPollCandidates } from "./resources.ts";
import { isFreshShopDelivery, SHOP_WEBHOOK_SIGNATURE_HEADER, SHOP_WEBHOOK_TOLERANCE_MS, verifyShopWebhookSignature } from "./webhook-signature.ts";
import { isOrderEvent, shopWebhookPayloadSchema } from "./webhook-payload.ts";
import { ORDER_WEBHOOK_FORMAT } from "./orders/order-webhook.ts";
import { describeError } from "../../lib/safe-error.ts";

export interface TikTokShopWebhookOptions {
  now?: () => Date;
}

/**
 * TikTok Shop's webhook endpoint: raw bytes → signature → JSON → schema → the envelope's
 * timestamp within the tolerance → durable insert → 200.
 * Nothing is stored unless all of it passes. A customer-service event then makes its
 * conversation due for polling: the poll, not the delivery, is what gathers messages, so a
 * message gets the same buyer and text however it was heard of. Order, return and cancellation
 * events are stored in a format of their own (`tiktok_shop.order_webhook`): ingesting one tells
 * open consoles the order changed, and creates no message.
 */
export const tiktokShopWebhookRoutes = (host: WebhookHost, { now = () => new Date() }: TikTokShopWebhookOptions = {}) => new Hono().post("/", async (c) => {
  const { config, logger } = host;
  const at = now();
  const raw = new Uint8Array(await c.req.arrayBuffer());
  const { shopAppKey, shopAppSecret } = config.tiktok;
  if (!shopAppKey || !shopAppSecret) {
    throw new ApiError("unauthorized", "TIKTOK_SHOP_APP_KEY and TIKTOK_SHOP_APP_SECRET are not configured; deliveries cannot be verified.");
  }
  const signature = c.req.header(SHOP_WEBHOOK_SIGNATURE_HEADER);
  if (!signature) throw new ApiError("unauthorized", "Authorization header is missing.");
  if (!verifyShopWebhookSignature(raw, signature, shopAppKey, shopAppSecret)) {
    throw new ApiError("unauthorized", "Authorization does not match the body.");
  }
  const body = new TextDecoder().decode(raw);
  const parsed = parseWebhookBody(body, shopWebhookPayloadSchema, "a TikTok Shop webhook payload");
  if (!parsed.ok) throw new ApiError(parsed.code, parsed.message);
  const { shopId, event, sentAt } = parsed.value;
  // Checked after the signature, so that a forged request learns nothing about our clock.
  if (!isFreshShopDelivery(sentAt, at)) {
    throw new ApiError("unauthorized", `The delivery's timestamp is older than ${SHOP_WEBHOOK_TOLERANCE_MS / 60_000} minutes (or from the future).`);
  }
  const accountId = await host.findAccountId("tiktok_shop", shopId);
  const format = isOrderEvent(event) ? ORDER_WEBHOOK_FORMAT : "tiktok_shop.webhook";
  const accepted = await host.accept({ format, body, accountId, signature });
  const { eventId } = accepted;

  // An exact repeat already made its conversation due when it was first stored.
  if (accountId && (event.kind === "new_message" || event.kind === "new_conversation") && !accepted.repeat) {
    try {
      await host.pollSoon(accountId, conversationPollCandidates(event.conversationId), at);
    } catch (error) {
      // The delivery is stored: answering an error would only make TikTok send it again. The
      // regular polls still gather the conversation, a little later.
      logger.warn("could not schedule the conversation's poll", {
        eventId,
        error: describeError(error),
      });
    }
  }
  return c.json({ received: true, ...accepted }, 200);
});
