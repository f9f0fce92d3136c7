import { DetailedError, hc, parseResponse } from "hono/client";
import { apiErrorBodySchema } from "@surgedesk/shared";
import type { AppType } from "@surgedesk/api";

/** The typed client: routes, params and answers come from the API's own type. */
export const api = hc<AppType>("/");

/** A refused request, with the API's own code and message (the message is what the agent reads). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, requestId?: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }
}

/** The error for a non-2xx answer: the API's `{error: {code, message, requestId}}`, or a plain one if the body is not that. */
export function toApiError(status: number, body: unknown): ApiError {
  const parsed = apiErrorBodySchema.safeParse(body);
  return parsed.success
    ? new ApiError(status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.requestId)
    : new ApiError(status, "unknown", `The server answered ${status}.`);
}

/**
 * Every console call goes through here: hono's `parseResponse` gives the success body with its
 * type, and its error for a non-2xx answer becomes an ApiError carrying what the server said.
 */
export const request: typeof parseResponse = async (call) => {
  try {
    return await parseResponse(call);
  } catch (error) {
    if (error instanceof DetailedError) {
      const detail = error.detail as { data?: unknown } | undefined;
      throw toApiError(Number(error.statusCode), detail?.data);
    }
    throw error;
  }
};

/** The call's answer, or null when the server answers `status` (nobody signed in, nothing configured). */
export async function nullOn<T>(status: number, call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError && error.status === status) return null;
    throw error;
  }
}
