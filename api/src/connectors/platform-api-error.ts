/**
 * What went wrong talking to a platform, in the terms the scheduler acts on:
 * - `rate_limited`: wait (`retryAfterMs` when the platform says how long), then continue;
 * - `token_expired`: stop polling the account and ask an admin to reconnect it;
 * - `transient`: a 5xx or network failure: retry with backoff;
 * - `rejected`: the platform refused the request itself (bad id, permission): do not retry as is.
 */
export type PlatformErrorKind = "rate_limited" | "token_expired" | "transient" | "rejected";

export class PlatformApiError extends Error {
  readonly kind: PlatformErrorKind;
  readonly retryAfterMs: number | undefined;
  /** The platform's own error code (Meta `code`, TikTok `code`), for the account's last error. */
  readonly platformCode: string | undefined;

  constructor(kind: PlatformErrorKind, message: string, options: { retryAfterMs?: number; platformCode?: string | number } = {}) {
    super(message);
    this.name = "PlatformApiError";
    this.kind = kind;
    this.retryAfterMs = options.retryAfterMs;
    this.platformCode = options.platformCode === undefined ? undefined : String(options.platformCode);
  }
}

/** Reads an HTTP `Retry-After` header (seconds or a date) as milliseconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
