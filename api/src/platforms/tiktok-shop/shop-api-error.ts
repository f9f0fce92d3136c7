import { PlatformApiError, parseRetryAfter } from "../../connectors/contract.ts";
import type { ShopEnvelope } from "./api-payloads.ts";

/**
 * Codes that mean the access token no longer works: 105001 (invalid), 105002 (expired) and
 * 36004004 (expired, as some customer-service endpoints report it). Reconnecting is the fix.
 */
export const SHOP_TOKEN_CODES: ReadonlySet<number> = new Set([105001, 105002, 36004004]);

const TOKEN_MESSAGE = /access[ _-]?token\b.*\b(expired|invalid|revoked)|(expired|invalid|revoked)\b.*\baccess[ _-]?token/i;
/** Throttling is answered with HTTP 429, but some gateways answer 200 with a throttling code. */
const THROTTLE_MESSAGE = /too many requests|rate[ _-]?limit|request frequency|frequency limit/i;

/**
 * Turns a refused Partner API call into the scheduler's terms. HTTP 200 does not mean success:
 * the envelope's `code` decides, and the HTTP status only where the envelope says nothing.
 */
export function shopErrorFromResponse(status: number, headers: Headers, envelope: ShopEnvelope | undefined): PlatformApiError {
  const code = envelope?.code;
  const said = envelope?.message ?? "";
  const detail = envelope ? `${said || "(no message)"} (code ${code}${envelope.request_id ? `, request ${envelope.request_id}` : ""})` : `HTTP ${status}`;
  const message = `TikTok Shop API: ${detail}`;
  const platformCode = code ?? status;
  if (status === 429 || THROTTLE_MESSAGE.test(said)) {
    const retryAfterMs = parseRetryAfter(headers.get("retry-after"));
    return new PlatformApiError("rate_limited", message, { platformCode, ...(retryAfterMs !== undefined && { retryAfterMs }) });
  }
  if ((code !== undefined && SHOP_TOKEN_CODES.has(code)) || TOKEN_MESSAGE.test(said)) {
    return new PlatformApiError("token_expired", message, { platformCode });
  }
  if (status >= 500 || !envelope) return new PlatformApiError("transient", message, { platformCode });
  return new PlatformApiError("rejected", message, { platformCode });
}
