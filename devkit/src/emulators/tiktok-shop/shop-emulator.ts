import type { RequestHandler } from "msw";
import { signShopWebhook } from "@surgedesk/api/platforms/tiktok-shop/webhook-signature.ts";
import { EmulatedShop, type EmulatedConversation, type EmulatedMessage } from "./emulated-shop.ts";
import type { EmulatedCancellation, EmulatedOrder, EmulatedReturn } from "./emulated-orders.ts";
import { shopApiHandlers } from "./shop-api-handlers.ts";
import { orderApiHandlers } from "./order-api-handlers.ts";
import { shopGateway } from "./shop-gateway.ts";
import { ShopFaults } from "./shop-faults.ts";

export const TIKTOK_SHOP_API = "https://open-api.tiktokglobalshop.com";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The envelope code answered (0 for success). */
  code: number;
  status: number;
}

/** A webhook delivery as TikTok Shop would POST it: the body and its headers. */
export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

export interface TikTokShopEmulatorOptions {
  appKey: string;
  appSecret: string;
  baseUrl?: string;
  clock?: () => Date;
  /** How far a request's signed timestamp may be from the emulator's clock. */
  timestampToleranceSeconds?: number;
}

/**
 * An emulated TikTok Shop Partner API for one app: any number of shops, each with its inbox; a
 * log of every request; failure injection; and signed webhook deliveries as the platform would
 * send them. Install `handlers()` with `startEmulatorServer`.
 */
export class TikTokShopEmulator {
  readonly appKey: string;
  readonly appSecret: string;
  readonly baseUrl: string;
  readonly timestampToleranceSeconds: number;
  readonly shops: EmulatedShop[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly faults = new ShopFaults();
  readonly now: () => Date;
  private notificationSequence = 0;

  constructor(options: TikTokShopEmulatorOptions) {
    this.appKey = options.appKey;
    this.appSecret = options.appSecret;
    this.baseUrl = (options.baseUrl ?? TIKTOK_SHOP_API).replace(/\/$/, "");
    this.now = options.clock ?? (() => new Date());
    this.timestampToleranceSeconds = options.timestampToleranceSeconds ?? 300;
  }

  addShop(options: { name?: string; accessToken?: string } = {}): EmulatedShop {
    const shop = new EmulatedShop({ ...options, clock: this.now });
    this.shops.push(shop);
    return shop;
  }

  handlers(): RequestHandler[] {
    const gateway = shopGateway(this);
    return [...shopApiHandlers(this.baseUrl, gateway), ...orderApiHandlers(this.baseUrl, gateway)];
  }

  /** Successful calls that read a conversation's messages, by conversation id. */
  messageReads(conversationId?: string): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.method === "GET" && r.code === 0 && r.path.endsWith("/messages") && (!conversationId || r.path.includes(`/${conversationId}/`)),
    );
  }

  /** Signs any envelope as the platform would: `Authorization: hex(HMAC(secret, app_key + body))`. */
  signDelivery(payload: unknown): SignedDelivery {
    const body = JSON.stringify(payload);
    return { body, headers: { "content-type": "application/json", authorization: signShopWebhook(body, this.appKey, this.appSecret) } };
  }

  /** Type 14: a new message, with the fields the platform documents for it. */
  newMessageDelivery(shop: EmulatedShop, conversation: EmulatedConversation, message: EmulatedMessage): SignedDelivery {
    return this.signDelivery(
      this.envelope(shop, 14, {
        conversation_id: conversation.id,
        message_id: message.id,
        index: message.index,
        type: message.type,
        content: message.content,
        create_time: message.create_time,
        is_visible: message.is_visible,
        sender: { im_user_id: message.sender.im_user_id, role: message.sender.role },
      }),
    );
  }

  /** Type 13: a buyer opened a new conversation. */
  newConversationDelivery(shop: EmulatedShop, conversation: EmulatedConversation): SignedDelivery {
    return this.signDelivery(this.envelope(shop, 13, { conversation_id: conversation.id, create_time: conversation.create_time }));
  }

  /** Type 1, ORDER_STATUS_CHANGE: the order's status now. */
  orderStatusDelivery(shop: EmulatedShop, order: EmulatedOrder): SignedDelivery {
    return this.signDelivery(
      this.envelope(shop, 1, { order_id: order.id, order_status: order.status, is_on_hold_order: order.is_on_hold_order, update_time: order.update_time }),
    );
  }

  /** Type 12, RETURN_STATUS_CHANGE: a return or refund request's status now. */
  returnStatusDelivery(shop: EmulatedShop, request: EmulatedReturn): SignedDelivery {
    return this.signDelivery(
      this.envelope(shop, 12, {
        order_id: request.order_id,
        return_role: request.role,
        return_type: request.return_type,
        return_status: request.return_status,
        return_id: request.return_id,
        create_time: request.create_time,
        update_time: request.update_time,
      }),
    );
  }

  /** Type 11, CANCELLATION_STATUS_CHANGE: a cancellation request's status now. */
  cancellationStatusDelivery(shop: EmulatedShop, request: EmulatedCancellation): SignedDelivery {
    return this.signDelivery(
      this.envelope(shop, 11, {
        order_id: request.order_id,
        cancellations_role: request.role,
        cancel_status: request.cancel_status,
        cancel_id: request.cancel_id,
        create_time: request.create_time,
        update_time: request.update_time,
      }),
    );
  }

  private envelope(shop: EmulatedShop, type: number, data: Record<string, unknown>) {
    this.notificationSequence += 1;
    return {
      type,
      tts_notification_id: `7327112393${String(this.notificationSequence).padStart(9, "0")}`,
      shop_id: shop.shopId,
      timestamp: Math.floor(this.now().getTime() / 1000),
      data,
    };
  }
}

/** The same delivery `times` times over, as at-least-once delivery can send it. */
export function repeatedDeliveries(delivery: SignedDelivery, times: number): SignedDelivery[] {
  return Array.from({ length: times }, () => delivery);
}

/** Deliveries in a shuffled order (seeded, so a failing test replays the same order). */
export function outOfOrder<T>(items: T[], seed = 7): T[] {
  const shuffled = [...items];
  let state = seed >>> 0 || 1;
  for (let i = shuffled.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    const j = state % (i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  if (shuffled.length > 1 && shuffled.every((item, i) => item === items[i])) shuffled.reverse();
  return shuffled;
}

/** Request init for POSTing a delivery to Surgedesk's webhook. */
export function deliveryRequest(delivery: SignedDelivery): RequestInit {
  return { method: "POST", headers: delivery.headers, body: delivery.body };
}
