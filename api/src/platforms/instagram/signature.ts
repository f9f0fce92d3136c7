import { hexDigestsEqual, hmacSha256Hex } from "../../lib/hmac.ts";

export const META_SIGNATURE_HEADER = "x-hub-signature-256";

/**
 * Meta signs every webhook POST with `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256 of
 * the raw body keyed by the app secret. It must be checked on the bytes as received, before
 * any parsing, and in constant time.
 */
export function verifyMetaSignature(rawBody: Uint8Array, header: string | undefined, appSecret: string): boolean {
  if (!header?.startsWith("sha256=")) return false;
  return hexDigestsEqual(hmacSha256Hex(appSecret, rawBody), header.slice("sha256=".length));
}

/** The header value Meta would send for this body; used by the demo seeder and tests. */
export function signMetaPayload(rawBody: string | Uint8Array, appSecret: string): string {
  return `sha256=${hmacSha256Hex(appSecret, rawBody)}`;
}
