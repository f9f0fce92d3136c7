import { zValidator as zodValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { ApiError } from "../errors/api-error.ts";
import { describeZodIssues } from "../lib/describe-zod-issues.ts";

/**
 * zod validation whose failures become `validation_failed` errors naming each bad field,
 * instead of the library's own error body.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
) {
  return zodValidator(target, schema, (result) => {
    if (!result.success) {
      throw new ApiError("validation_failed", `Invalid ${target}: ${describeZodIssues(result.error.issues, target, 20)}`);
    }
  });
}
