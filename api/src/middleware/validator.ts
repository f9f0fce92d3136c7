import { zValidator as zodValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { resolver, uniqueSymbol, type HandlerUniqueProperty } from "hono-openapi";
import type { ZodType } from "zod";
import { ApiError } from "../errors/api-error.ts";
import { describeZodIssues } from "../lib/describe-zod-issues.ts";
import { jsonSchemaOptions } from "../openapi/route-doc.ts";

/**
 * zod validation whose failures become `validation_failed` errors naming each bad field,
 * instead of the library's own error body. It carries the marker hono-openapi's own validator
 * carries, so the OpenAPI document lists the query or body from this very schema.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
) {
  const middleware = zodValidator(target, schema, (result) => {
    if (!result.success) {
      throw new ApiError("validation_failed", `Invalid ${target}: ${describeZodIssues(result.error.issues, target, 20)}`);
    }
  });
  const openApi: HandlerUniqueProperty = { target, ...resolver(schema, jsonSchemaOptions("input")) };
  return Object.assign(middleware, { [uniqueSymbol]: openApi });
}
