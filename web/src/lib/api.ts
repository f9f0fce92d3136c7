import { hc } from "hono/client";
import { apiErrorBodySchema } from "@surgedesk/shared";
import type { AppType } from "@surgedesk/api";

/** The typed client: routes, params and answers come from the API's own type. */
export const api = hc<AppType>("/");

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Turns a non-2xx answer into an error carrying the API's own code and message. */
export async function toApiError(response: Response): Promise<ApiRequestError> {
  const parsed = apiErrorBodySchema.safeParse(await response.json().catch(() => null));
  return parsed.success
    ? new ApiRequestError(response.status, parsed.data.error.code, parsed.data.error.message)
    : new ApiRequestError(response.status, "unknown", `The server answered ${response.status}.`);
}
