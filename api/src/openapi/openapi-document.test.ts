import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { apiRoutes } from "../app.ts";
import { repoRoot } from "../lib/repo-paths.ts";
import { buildOpenApiDocument, openApiJson } from "./openapi-document.ts";

const CHECKED_IN = join(repoRoot, "docs/openapi.json");
const api = apiRoutes();
const document = await buildOpenApiDocument(api);

/** Hono's "/api/messages/:id" is OpenAPI's "/api/messages/{id}". */
const openApiPath = (path: string) => path.replace(/:([^/]+)/g, "{$1}");

describe("the OpenAPI document", () => {
  it("is the one checked in at docs/openapi.json", () => {
    expect(openApiJson(document), "docs/openapi.json is out of date with the routes: run pnpm openapi").toBe(readFileSync(CHECKED_IN, "utf8"));
  });

  it("is valid OpenAPI 3.1", async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it("describes every route the app serves under /api and /health", () => {
    const routes = api.routes.filter((r) => r.method !== "ALL" && /^\/(api|health)(\/|$)/.test(r.path));
    expect(routes.length).toBeGreaterThan(50);
    const undescribed = routes
      .filter((r) => {
        const operation = document.paths[openApiPath(r.path)]?.[r.method.toLowerCase() as "get"];
        return !operation?.summary;
      })
      .map((r) => `${r.method} ${r.path}`);
    expect(undescribed, "give these routes a routeDoc(…)").toEqual([]);
  });

  it("documents the request parts from the routes' zod schemas", () => {
    const list = document.paths["/api/messages"]?.get;
    expect(list?.parameters).toContainEqual(expect.objectContaining({ in: "query", name: "cursor" }));
    const patch = document.paths["/api/messages/{id}"]?.patch;
    expect(patch?.parameters).toContainEqual(expect.objectContaining({ in: "path", name: "id", required: true }));
    expect(patch?.requestBody).toMatchObject({ required: true, content: { "application/json": { schema: { type: "object" } } } });
    expect(patch?.responses?.["200"]).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/MessageDetail" } } } });
  });

  it("says which routes need sign-in and how every 4xx looks", () => {
    expect(document.components.securitySchemes).toMatchObject({
      session: { type: "apiKey", in: "cookie", name: "surgedesk_session" },
      apiToken: { type: "http", scheme: "bearer" },
    });
    expect(document.security).toEqual([{ session: [] }, { apiToken: [] }]);
    for (const open of [document.paths["/api/auth/login"]?.post, document.paths["/api/openapi.json"]?.get, document.paths["/health"]?.get]) {
      expect(open?.security).toEqual([]);
    }
    expect(document.paths["/api/messages"]?.get?.responses).toMatchObject({
      "400": { content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } } },
      "401": { $ref: "#/components/responses/Error" },
      "4XX": { $ref: "#/components/responses/Error" },
    });
    expect(document.components.schemas?.ApiError).toMatchObject({
      properties: { error: { required: ["code", "message"], properties: { code: { enum: expect.arrayContaining(["not_found"]) } } } },
    });
  });

  it("names the product and its version", () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    expect(document.info).toMatchObject({ title: "Surgedesk", version });
    expect(document.openapi).toBe("3.1.0");
  });
});
