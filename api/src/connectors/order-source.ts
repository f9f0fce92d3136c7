import type { OrderRecord, OrderSystem } from "@surgedesk/shared";
import type { Config } from "../config.ts";
import type { ConnectedAccount } from "../db/types.ts";

/**
 * What a customer may quote to find their order. Each order system answers the keys it can
 * search by (`OrderSource.searchableBy`); the lookup asks every connected system for the keys it
 * has and merges the answers, so an order mirrored from TikTok Shop into Shopify shows once.
 */
export type OrderKey =
  | { kind: "shopify_name"; value: string }
  | { kind: "tiktok_order_id"; value: string }
  | { kind: "email"; value: string }
  | { kind: "phone"; value: string }
  | { kind: "tracking_number"; value: string }
  | { kind: "buyer_user_id"; value: string };
export type OrderKeyKind = OrderKey["kind"];

/**
 * One order system seen from the product: Shopify (`orders/shopify/`) or a platform's shop (the
 * TikTok Shop connector's `orders`). Failures are thrown as `PlatformApiError`s, so the lookup can
 * tell "not found" (an empty list) from "could not ask" (an error) and say which in words.
 */
export interface OrderSource {
  system: OrderSystem;
  searchableBy: readonly OrderKeyKind[];
  /** The orders matching the key, newest first (at most a page). */
  find(key: OrderKey): Promise<OrderRecord[]>;
  /**
   * The open orders the order-side queues look at (not yet delivered, cancelled or completed:
   * awaiting shipment, in transit, with a cancellation asked), at most a few pages. Optional: a
   * source without it adds nothing to the queues.
   */
  listForQueues?(): Promise<OrderRecord[]>;
}

/** What a connector needs to open its shop's order source for one connected account. */
export interface OrderSourceInput {
  config: Config;
  account: Pick<ConnectedAccount, "externalAccountId" | "platformParams">;
  /** Opened for this call only. */
  accessToken: string;
}
