import type { Connector } from "../../connectors/contract.ts";
import { tiktokShopConversationMessagesPoller } from "./conversation-messages-poller.ts";
import { tiktokShopConversationsPoller } from "./conversations-poller.ts";
import { normalizeMessagePageBody, normalizeShopWebhookBody } from "./normalize.ts";
import { tiktokShopReplyRules } from "./reply-rules.ts";
import { TIKTOK_SHOP_CONVERSATIONS } from "./resources.ts";
import { tiktokShopSender } from "./sender.ts";
import { shopMessageExternalId } from "./shop-ids.ts";
import { tiktokShopWebhookRoutes } from "./webhook-routes.ts";
import { tiktokShopOAuth } from "./oauth.ts";
import { tiktokShopOrders } from "./orders/tiktok-shop-orders.ts";
import { tiktokShopAfterSales } from "./orders/after-sale-desk.ts";
import { normalizeOrderWebhookBody, ORDER_WEBHOOK_FORMAT } from "./orders/order-webhook.ts";

/**
 * TikTok Shop Partner API: the shop's customer-service conversations. Private chats only, so
 * there is nothing to hide and no comment to move to a DM.
 */
export const tiktokShopConnector: Connector = {
  channel: "tiktok_shop",
  platform: "tiktok",
  label: "TikTok Shop",
  eventFormats: {
    /** A webhook delivery: it makes its conversation's poll due and yields no messages itself. */
    "tiktok_shop.webhook": normalizeShopWebhookBody,
    /** A polled page of one conversation's messages. */
    "tiktok_shop.message_page": normalizeMessagePageBody,
    /** An order, return or cancellation status change: tells consoles the order changed, yields no messages. */
    [ORDER_WEBHOOK_FORMAT]: normalizeOrderWebhookBody,
  },
  webhooks: [{ path: "tiktok-shop", routes: tiktokShopWebhookRoutes }],
  pollers: [tiktokShopConversationsPoller, tiktokShopConversationMessagesPoller],
  rootResources: [TIKTOK_SHOP_CONVERSATIONS],
  sender: tiktokShopSender,
  storedMessageId: shopMessageExternalId,
  replies: tiktokShopReplyRules,
  oauth: tiktokShopOAuth,
  /** The shop's orders with their returns, refunds and cancellations (Partner API 202309). */
  orders: tiktokShopOrders,
  /** Its buyers' cancellation and return/refund requests, approved or rejected by the seller. */
  afterSales: tiktokShopAfterSales,
};
