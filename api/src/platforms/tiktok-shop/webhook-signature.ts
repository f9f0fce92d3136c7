import { createHmac } from "node:crypto";
import { hexDigestsEqual } from "../../lib/hmac.ts";

export const SHOP_WEBHOOK_SIGNATURE_HEADER = "authorization";

function digest(rawBody: Uint8Array | string, appKey: string, appSecret: string): string {
  return createHmac("sha256", appSecret).update(appKey, "utf8").update(rawBody).digest("hex");
}

/**
 * TikTok Shop signs a webhook with `Authorization: <hex>`, the HMAC-SHA256 of `app_key + raw
 * body` keyed by the app secret. Checked on the bytes as received, before any parsing, in
 * constant time. The envelope carries no signing time in the header, so there is no replay
 * window to enforce here; a replayed delivery is harmless because ingestion is idempotent.
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
