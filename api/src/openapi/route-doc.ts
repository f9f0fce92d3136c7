import { describeRoute, resolver } from "hono-openapi";
import type { ZodType } from "zod";

export interface RouteDoc {
  summary: string;
  description?: string;
  /** The success body's zod schema (from shared/ where one exists); omitted, it is just "an object". */
  response?: ZodType;
  status?: 200 | 201 | 202;
  /** The success body's media type when it is not JSON (the live stream). */
  mediaType?: string;
  /** Answers without a session or API token. */
  public?: true;
  /** Set where the path's first segment after /api would not name the group well. */
  tags?: string[];
}

const STATUS_TEXT = { 200: "OK", 201: "Created", 202: "Accepted" } as const;
const ERROR = { $ref: "#/components/responses/Error" };

interface OverrideContext {
  jsonSchema: { additionalProperties?: unknown; format?: string; pattern?: string };
}

/**
 * How a zod schema becomes JSON Schema here. Where zod names a format (date-time, email) the
 * regex it checks with is left out: the format says it, and the regex is zod's own. Responses
 * are the schema's output side (defaults filled in) and stay open to fields added later: zod
 * marks output objects closed, which would make a strict generated client break on the first
 * new field.
 */
export function jsonSchemaOptions(io: "input" | "output") {
  return {
    options: {
      io,
      override: ({ jsonSchema }: OverrideContext) => {
        if (jsonSchema.format && jsonSchema.pattern) delete jsonSchema.pattern;
        if (io === "output" && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
      },
    },
  };
}

/** A response body's schema for the document. */
export const responseSchema = (schema: ZodType) => resolver(schema, jsonSchemaOptions("output"));

/**
 * One route's entry in the OpenAPI document. The query and body come from the route's
 * `validate` middleware; this adds what only the route knows: what it does, what it answers,
 * and whether it needs sign-in. Every 4xx has the one error shape.
 */
export function routeDoc(doc: RouteDoc) {
  const status = doc.status ?? 200;
  const mediaType = doc.mediaType ?? "application/json";
  const schema = doc.response ? responseSchema(doc.response) : { type: mediaType === "application/json" ? ("object" as const) : ("string" as const) };
  return describeRoute({
    summary: doc.summary,
    ...(doc.description && { description: doc.description }),
    ...(doc.tags && { tags: doc.tags }),
    ...(doc.public && { security: [] }),
    responses: {
      [status]: { description: STATUS_TEXT[status], content: { [mediaType]: { schema } } },
      ...(!doc.public && { 401: ERROR }),
      "4XX": ERROR,
    },
  });
}
