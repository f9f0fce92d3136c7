import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ApiErrorBody, ApiErrorCode } from "@surgedesk/shared";
import { ApiError } from "../errors/api-error.ts";
import type { AppEnv } from "../app-env.ts";
import { describeError } from "../lib/safe-error.ts";

function errorBody(c: Context<AppEnv>, code: ApiErrorCode, message: string): ApiErrorBody {
  return { error: { code, message, requestId: c.get("requestId") } };
}

/** Every thrown error becomes the one JSON error shape; internals never reach the client. */
export const handleError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof ApiError) {
    if (err.retryAfterSeconds !== undefined) c.header("Retry-After", String(err.retryAfterSeconds));
    return c.json(errorBody(c, err.code, err.message), err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) return c.json(errorBody(c, "payload_too_large", "Request body is too large."), 413);
    if (status === 400 && /json/i.test(err.message)) {
      return c.json(errorBody(c, "invalid_json", "Request body is not valid JSON."), 400);
    }
    if (status >= 400 && status < 500) return c.json(errorBody(c, "bad_request", err.message), status);
  }
  c.get("services")?.logger.error("unhandled error", {
    requestId: c.get("requestId"),
    path: c.req.path,
    // Described, not quoted: a database error's message names the query's parameters.
    error: describeError(err),
    // Where it was thrown (the frames only: the stack's first line repeats the message).
    stack: err instanceof Error ? err.stack?.split("\n").slice(1, 8).join("\n") : undefined,
  });
  return c.json(errorBody(c, "internal_error", "Something went wrong on our side."), 500);
};

export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(errorBody(c, "not_found", `No route for ${c.req.method} ${c.req.path}.`), 404);
