import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ApiErrorCode } from "@surgedesk/shared";

const STATUS_OF: Record<ApiErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal_error: 500,
};

/**
 * The one error type routes throw. `app.onError` turns it into `{ error: { code, message } }`
 * with the status its code maps to, so no handler writes error JSON by hand.
 */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: ContentfulStatusCode;
  /** For `rate_limited`: sent as the Retry-After header. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ApiErrorCode, message: string, options: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = STATUS_OF[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
