import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Env, Hono, Schema } from "hono";
import { generateSpecs } from "hono-openapi";
import { apiErrorBodySchema } from "@surgedesk/shared";
import { SESSION_COOKIE } from "../auth/session-cookie.ts";
import { repoRoot } from "../lib/repo-paths.ts";
import { responseSchema } from "./route-doc.ts";

const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };

export type OpenApiDocument = Awaited<ReturnType<typeof generateSpecs>>;

const DESCRIPTION = [
  "Surgedesk's HTTP API: the same routes the console uses.",
  "Sign in with `POST /api/auth/login` (session cookie), or send an API token an admin created (`Authorization: Bearer …`).",
  "Every error is `{ error: { code, message, requestId } }`.",
].join(" ");

/** "/api/spikes/campaigns/{id}" is in the "spikes" group, "/health" in "health". */
function groupOf(path: string): string {
  const [first, second] = path.split("/").filter(Boolean);
  return (first === "api" ? second : first) ?? "api";
}

/**
 * The OpenAPI 3.1 document of every route in `api` that carries a `routeDoc` or a `validate`:
 * request parts from the validators' zod schemas, responses from the routes' own descriptions.
 */
export async function buildOpenApiDocument<E extends Env, S extends Schema, P extends string>(api: Hono<E, S, P>): Promise<OpenApiDocument> {
  const errorSchema = { $ref: "#/components/schemas/ApiError" };
  const document = await generateSpecs(api, {
    documentation: {
      info: { title: "Surgedesk", version, description: DESCRIPTION },
      security: [{ session: [] }, { apiToken: [] }],
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "Set by `POST /api/auth/login`." },
          apiToken: { type: "http", scheme: "bearer", description: "An API token from `POST /api/tokens`." },
        },
        responses: {
          Error: {
            description: "The request failed; `code` says why, `message` says it in words.",
            // The one resolved schema: it puts ApiError (its zod id) into components.schemas.
            content: { "application/json": { schema: responseSchema(apiErrorBodySchema) } },
          },
        },
      },
    },
    // /api/openapi.json is not a static file, whatever its name looks like.
    excludeStaticFile: false,
    defaultValidationErrorResponse: {
      description: "The query or body does not pass validation (`validation_failed`, `invalid_json`).",
      content: { "application/json": { schema: errorSchema } },
    },
  });
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const operation of Object.values(operations)) {
      if (operation && typeof operation === "object" && "responses" in operation && !operation.tags) operation.tags = [groupOf(path)];
    }
  }
  return document;
}

/** The document as checked in: two-space indented, with a final newline. */
export function openApiJson(document: OpenApiDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
