import { Hono, type Env, type Schema } from "hono";
import type { AppEnv } from "../app-env.ts";
import { buildOpenApiDocument, type OpenApiDocument } from "./openapi-document.ts";
import { routeDoc } from "./route-doc.ts";

/**
 * `GET /api/openapi.json`: the document of `api`'s routes, open to anyone so brands can
 * generate a client before they have a token. Built on the first request: by then every
 * route, this one included, is registered.
 */
export function openApiRoutes<E extends Env, S extends Schema, P extends string>(api: Hono<E, S, P>) {
  let document: Promise<OpenApiDocument> | undefined;
  return new Hono<AppEnv>().get(
    "/",
    routeDoc({ summary: "This OpenAPI document", public: true, tags: ["openapi"] }),
    async (c) => c.json(await (document ??= buildOpenApiDocument(api)), 200),
  );
}
