import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { users } from "../db/schema/index.ts";
import { newId } from "../lib/ids.ts";
import { hashPassword } from "../auth/password.ts";

let t: TestApp;
let cookie: string;
const HOST = "surgedesk.brand.test";

beforeAll(async () => {
  t = await createTestApp();
  await t.database.db.insert(users).values({
    id: newId("user"),
    workspaceId: t.workspaceId,
    email: "agent@brand.test",
    name: "Agent",
    role: "agent",
    passwordHash: await hashPassword("a-long-enough-password"),
  });
  const login = await t.anonymous.request(`http://${HOST}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "sec-fetch-site": "same-origin", host: HOST },
    body: JSON.stringify({ email: "agent@brand.test", password: "a-long-enough-password" }),
  });
  expect(login.status).toBe(200);
  cookie = login.headers.get("set-cookie")!.split(";")[0]!;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** As the signed-in agent's browser would send it, with the session cookie attached. */
const fromBrowser = (path: string, init: RequestInit & { headers?: Record<string, string> }) =>
  t.anonymous.request(`http://${HOST}${path}`, { ...init, headers: { host: HOST, cookie, ...init.headers } });

async function stillSignedIn() {
  return (await fromBrowser("/api/auth/me", { headers: {} })).status === 200;
}

describe("requests that change data from another site", () => {
  it("refuses a cross-site form post with the user's cookie before the handler runs (403)", async () => {
    const res = await fromBrowser("/api/auth/logout", {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
    expect(await stillSignedIn()).toBe(true);
  });

  it("refuses a body-less POST whose browser says it is cross-site or same-site", async () => {
    for (const site of ["cross-site", "same-site"]) {
      const res = await fromBrowser("/api/auth/logout", { method: "POST", headers: { "sec-fetch-site": site } });
      expect(res.status, site).toBe(403);
    }
    const nullOrigin = await fromBrowser("/api/auth/logout", { method: "POST", headers: { origin: "null" } });
    expect(nullOrigin.status).toBe(403);
    expect(await stillSignedIn()).toBe(true);
  });

  it("refuses text/plain and urlencoded bodies even without an Origin", async () => {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await fromBrowser("/api/auth/login", {
        method: "POST",
        headers: { "content-type": contentType },
        body: JSON.stringify({ email: "agent@brand.test", password: "a-long-enough-password" }),
      });
      expect(res.status, contentType).toBe(403);
      expect(res.headers.get("set-cookie"), contentType).toBeNull();
    }
  });

  it("lets the console's own requests through (same origin, JSON or no body)", async () => {
    const bySite = await fromBrowser("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", "sec-fetch-site": "same-origin" },
      body: JSON.stringify({ email: "agent@brand.test", password: "a-long-enough-password" }),
    });
    expect(bySite.status).toBe(200);
    // Older browsers send only Origin: it must name this host.
    const byOrigin = await fromBrowser("/api/auth/logout", { method: "POST", headers: { origin: `http://${HOST}` } });
    expect(byOrigin.status).toBe(200);
    expect(await stillSignedIn()).toBe(false);
  });

  it("lets the console's body-less DELETE through, as the server receives it (an empty body stream, no length, no type)", async () => {
    const emptyStream = new ReadableStream({ start: (controller) => controller.close() });
    const res = await t.app.request("/api/macros/mac_does_not_exist", {
      method: "DELETE",
      headers: { "sec-fetch-site": "same-origin" },
      body: emptyStream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(404);
  });

  it("lets API clients (a bearer token, no browser headers) post JSON", async () => {
    const token = await t.tokenFor("agent");
    const res = await t.anonymous.request("/api/classify", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ texts: ["where is my order"] }),
    });
    expect(res.status).toBe(200);
  });

  it("leaves reads alone", async () => {
    const res = await t.anonymous.request("/health", { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(res.status).toBe(200);
  });
});

describe("security headers", () => {
  it.each(["/health", "/api/auth/me", "/api/does-not-exist"])("are on %s", async (path) => {
    const res = await t.anonymous.request(path);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
  });
});
