import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findTargetHandler } from "hono/utils/handler";
import { uniqueSymbol, type HandlerUniqueProperty, type ResolverReturnType } from "hono-openapi";
import type { MessagePage } from "@surgedesk/shared";
import { apiRoutes } from "../app.ts";
import { repoRoot } from "../lib/repo-paths.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";

let t: TestApp;
let messageId: string;
beforeAll(async () => {
  t = await createTestApp();
  expect((await t.app.request("/webhooks/instagram", signedInstagramPost(instagramCommentDelivery({ text: "where is my order #1234?" }).body))).status).toBe(200);
  await t.ingest.drain();
  const page = (await (await t.app.request("/api/messages")).json()) as MessagePage;
  messageId = page.items[0]!.id;
});
afterAll(async () => {
  await t?.close();
});

describe("GET /api/openapi.json", () => {
  it("answers without sign-in, with the checked-in document", async () => {
    const res = await t.anonymous.request("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toEqual(JSON.parse(readFileSync(join(repoRoot, "docs/openapi.json"), "utf8")));
  });

  it("opens only itself: the rest of /api still needs sign-in", async () => {
    for (const path of ["/api/messages", "/api/openapi.json/x", "/api/openapi.jsonx"]) {
      const res = await t.anonymous.request(path);
      expect(res.status, path).toBe(401);
    }
  });
});

/** The success schema a route's routeDoc gives, where it gives one. */
function documentedSchema(handler: unknown, status: string): ResolverReturnType | undefined {
  const meta = (findTargetHandler(handler as never) as unknown as Record<symbol, HandlerUniqueProperty | undefined>)[uniqueSymbol];
  if (!meta || !("spec" in meta)) return undefined;
  const response = meta.spec.responses?.[status];
  const schema = response && "content" in response ? response.content?.["application/json"]?.schema : undefined;
  return schema && "validate" in schema ? (schema as ResolverReturnType) : undefined;
}

describe("the documented answers", () => {
  it("match what the routes answer (every GET that answers 200 here, as an admin)", async () => {
    const checked: string[] = [];
    const problems: string[] = [];
    for (const route of apiRoutes().routes) {
      if (route.method !== "GET" || route.path === "/api/live/stream") continue;
      const schema = documentedSchema(route.handler, "200");
      if (!schema) continue;
      const res = await t.app.request(route.path.replace(/:[^/]+/g, messageId));
      if (res.status !== 200) continue;
      const result = await schema.validate(await res.json());
      if (result.issues) problems.push(`${route.path}: ${JSON.stringify(result.issues.slice(0, 3))}`);
      checked.push(route.path);
    }
    expect(problems).toEqual([]);
    // The main reads, so a route that stops answering here does not quietly leave the check.
    expect(checked).toEqual(
      expect.arrayContaining([
        "/health",
        "/api/messages",
        "/api/messages/:id",
        "/api/messages/:id/context",
        "/api/model",
        "/api/accounts",
        "/api/spikes/overview",
        "/api/spikes/forecast",
        "/api/auth/me",
        "/api/users",
        "/api/queues",
        "/api/sla/policies",
        "/api/sla/calendar",
        "/api/macros",
        "/api/replies/:messageId/suggestions",
        "/api/replies/:messageId/outbox",
      ]),
    );
  });
});
