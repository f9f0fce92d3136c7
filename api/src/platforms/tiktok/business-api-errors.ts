import { parseRetryAfter, PlatformApiError } from "../../connectors/contract.ts";

/** Throttling is HTTP 200 with this code and no header saying for how long. */
export const TIKTOK_RATE_LIMITED = 40100;

/** Authentication failures an admin fixes by reconnecting: expired, missing, invalid or revoked token. */
export const TIKTOK_TOKEN_CODES: ReadonlySet<number> = new Set([40101, 40102, 40104, 40105]);

/**
 * The API for Business answers HTTP 200 for most failures and puts the verdict in `code`
 * (0 is success); this reads that verdict in the scheduler's terms.
 */
export function errorFromCode(code: number, message: string, context: { path: string; requestId?: string | null }) {
  const text = `TikTok ${context.path} answered code ${code}: ${message || "no message"}${
    context.requestId ? ` (request ${context.requestId})` : ""
  }`;
  if (code === TIKTOK_RATE_LIMITED) return new PlatformApiError("rate_limited", text, { platformCode: code });
  if (TIKTOK_TOKEN_CODES.has(code)) return new PlatformApiError("token_expired", text, { platformCode: code });
  // 5xxxx codes are TikTok's own internal errors: worth another try later.
  if (code >= 50000) return new PlatformApiError("transient", text, { platformCode: code });
  return new PlatformApiError("rejected", text, { platformCode: code });
}

/** A failure told by the HTTP status itself, before any envelope is read. */
export function errorFromHttp(status: number, retryAfter: string | null, path: string): PlatformApiError | null {
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter);
    return new PlatformApiError("rate_limited", `TikTok ${path} answered HTTP 429`, {
      ...(retryAfterMs !== undefined && { retryAfterMs }),
      platformCode: 429,
    });
  }
  if (status >= 500) return new PlatformApiError("transient", `TikTok ${path} answered HTTP ${status}`, { platformCode: status });
  if (status === 401) return new PlatformApiError("token_expired", `TikTok ${path} answered HTTP 401`, { platformCode: status });
  return null;
}
