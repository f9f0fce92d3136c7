import { z } from "zod";

/** Every error the API answers with, 4xx or 5xx, has this one shape. */
export const API_ERROR_CODES = [
  "bad_request",
  "invalid_json",
  "validation_failed",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "rate_limited",
  "unavailable",
  "internal_error",
] as const;
export const apiErrorCodeSchema = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: apiErrorCodeSchema,
    message: z.string(),
    /** Quote it when reporting a problem: the server's log lines carry it too. */
    requestId: z.string().optional(),
  }),
}).meta({ id: "ApiError" });
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
