import type { ClassificationEntities } from "@surgedesk/shared";
import type { OrderKey } from "../connectors/order-source.ts";

/** Most specific first: an order's own number names one order, an email names a buyer. */
const ORDER_KEY_ORDER: OrderKey["kind"][] = ["shopify_name", "tiktok_order_id", "tracking_number", "email", "phone", "buyer_user_id"];

/**
 * What a message gives to look its order up by: the identifiers the classifier extracted, and on
 * a TikTok Shop customer-service conversation the buyer's user id (which TikTok Shop's order
 * search accepts). Deduplicated, most specific first.
 */
export function orderKeysOf(entities: ClassificationEntities | null | undefined, buyerUserId: string | null = null): OrderKey[] {
  const keys: OrderKey[] = [
    ...(entities?.orderNumbers ?? []).map((value) => ({ kind: "shopify_name" as const, value })),
    ...(entities?.tiktokOrderIds ?? []).map((value) => ({ kind: "tiktok_order_id" as const, value })),
    ...(entities?.trackingNumbers ?? []).map((value) => ({ kind: "tracking_number" as const, value: value.replace(/[ -]/g, "") })),
    ...(entities?.emails ?? []).map((value) => ({ kind: "email" as const, value: value.toLowerCase() })),
    ...(entities?.phones ?? []).map((value) => ({ kind: "phone" as const, value })),
    ...(buyerUserId ? [{ kind: "buyer_user_id" as const, value: buyerUserId }] : []),
  ];
  const seen = new Set<string>();
  return keys
    .filter((key) => {
      const id = `${key.kind}:${key.value}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .sort((a, b) => ORDER_KEY_ORDER.indexOf(a.kind) - ORDER_KEY_ORDER.indexOf(b.kind));
}

/** A key as an agent reads it: "order number #1042", "the email maya@…". */
export function describeKey(key: OrderKey): string {
  switch (key.kind) {
    case "shopify_name":
      return `order number ${key.value.startsWith("#") ? key.value : `#${key.value}`}`;
    case "tiktok_order_id":
      return `TikTok Shop order ${key.value}`;
    case "tracking_number":
      return `tracking number ${key.value}`;
    case "email":
      return `the email ${key.value}`;
    case "phone":
      return `the phone number ${key.value}`;
    case "buyer_user_id":
      return "the buyer's TikTok Shop account";
  }
}
