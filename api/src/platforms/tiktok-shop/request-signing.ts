import { hexDigestsEqual, hmacSha256Hex } from "../../lib/hmac.ts";

/** Query parameters that are never part of the signed string. */
const UNSIGNED_PARAMS = new Set(["sign", "access_token"]);

export interface SignableRequest {
  /** The API path alone, e.g. `/customer_service/202309/conversations` (no host, no query). */
  path: string;
  query: Record<string, string>;
  /** The exact JSON body sent, for requests that have one; multipart bodies are not signed. */
  body?: string | undefined;
}

/**
 * The Partner API's request signature: HMAC-SHA256 (hex), keyed by the app secret, over
 * `secret + path + sorted(key + value of every query parameter but sign/access_token) + body +
 * secret`. The emulator checks it with the same function, so both sides agree by construction
 * and the tests pin the string to the documented example.
 */
export function signShopRequest(request: SignableRequest, appSecret: string): string {
  return hmacSha256Hex(appSecret, stringToSign(request, appSecret));
}

export function stringToSign({ path, query, body }: SignableRequest, appSecret: string): string {
  const params = Object.keys(query)
    .filter((key) => !UNSIGNED_PARAMS.has(key))
    .sort()
    .map((key) => `${key}${query[key]}`)
    .join("");
  return `${appSecret}${path}${params}${body ?? ""}${appSecret}`;
}

export function verifyShopRequestSignature(request: SignableRequest, sign: string | undefined, appSecret: string): boolean {
  if (!sign) return false;
  return hexDigestsEqual(signShopRequest(request, appSecret), sign);
}
