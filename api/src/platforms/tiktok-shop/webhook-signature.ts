import { createHmac } from "node:crypto";
import { hexDigestsEqual } from "../../lib/hmac.ts";

export const SHOP_WEBHOOK_SIGNATURE_HEADER = "authorization";

/**
 * How far a delivery's envelope `timestamp` may be from our clock, either way. TikTok Shop
 * documents no window of its own; this is the one TikTok's other webhooks use.
 */
export const SHOP_WEBHOOK_TOLERANCE_MS = 5 * 60_000;

/** True when a delivery signed at `sentAt` may still be accepted at `now`. */
export function isFreshShopDelivery(sentAt: Date, now: Date): boolean {
  return Math.abs(now.getTime() - sentAt.getTime()) <= SHOP_WEBHOOK_TOLERANCE_MS;
}

function digest(rawBody: Uint8Array | string, appKey: string, appSecret: string): string {
  return createHmac("sha256", appSecret).update(appKey, "utf8").update(rawBody).digest("hex");
}

/**
 * TikTok Shop signs a webhook with `Authorization: <hex>`, the HMAC-SHA256 of `app_key + raw
 * body` keyed by the app secret. Checked on the bytes as received, before any parsing, in
 * constant time. The signing time is the envelope's `timestamp`, inside the signed body: the
 * route refuses a delivery whose timestamp is further than `SHOP_WEBHOOK_TOLERANCE_MS` from now
 * (see `isFreshShopDelivery`), so a captured request cannot be replayed later.
 */
export function verifyShopWebhookSignature(
  rawBody: Uint8Array,
  header: string | undefined,
  appKey: string,
  appSecret: string,
): boolean {
  if (!header) return false;
  return hexDigestsEqual(digest(rawBody, appKey, appSecret), header.trim());
}

/** The header value TikTok Shop would send for this body; for the emulator and tests. */
export function signShopWebhook(rawBody: Uint8Array | string, appKey: string, appSecret: string): string {
  return digest(rawBody, appKey, appSecret);
}
