/**
 * Writes the OpenAPI document of the API's routes to docs/openapi.json, where brands and the
 * sync test read it: `pnpm openapi` after changing a route or a schema it uses.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { apiRoutes } from "../src/app.ts";
import { repoRoot } from "../src/lib/repo-paths.ts";
import { buildOpenApiDocument, openApiJson } from "../src/openapi/openapi-document.ts";

const path = join(repoRoot, "docs/openapi.json");
writeFileSync(path, openApiJson(await buildOpenApiDocument(apiRoutes())));
console.log(`wrote ${path}`);
