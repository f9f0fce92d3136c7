import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { MessagePage } from "@surgedesk/shared";
import { users, workspaces } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { newId } from "../lib/ids.ts";
import { hashPassword } from "./password.ts";

let t: TestApp;
const PASSWORD = "a-long-enough-password";
beforeAll(async () => {
  // One proxy of ours in front: the tests name their clients through X-Forwarded-For.
  t = await createTestApp({ sessionTtlMs: 60 * 60_000, trustProxyHops: 1 });
  await t.database.db.insert(users).values({
    id: newId("user"),
    workspaceId: t.workspaceId,
    email: "agent@brand.test",
    name: "Agent",
    role: "agent",
    passwordHash: await hashPassword(PASSWORD),
  });
  expect((await t.app.request("/webhooks/instagram", signedInstagramPost(instagramCommentDelivery({ text: "where is my order" }).body))).status).toBe(200);
  await t.ingest.drain();
});
afterAll(async () => {
  await t?.close();
});

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function login(email: string, password: string, client = "10.0.0.1") {
  return t.anonymous.request("/api/auth/login", json({ email, password }, { "x-forwarded-for": client }));
}

describe("authentication", () => {
  it.each(["/api/messages", "/api/accounts", "/api/users", "/api/audit", "/api/ingest/status", "/api/auth/me"])(
    "refuses %s without a session or token",
    async (path) => {
      const res = await t.anonymous.request(path);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
    },
  );

  it("keeps /health and the webhooks open (they have their own checks)", async () => {
    expect((await t.anonymous.request("/health")).status).toBe(200);
  });

  it("signs in with a session cookie, knows who is signed in, and signs out", async () => {
    const res = await login("Agent@Brand.test", PASSWORD);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/surgedesk_session=sds_/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/); // plain HTTP here; behind TLS it is Secure
    const cookie = setCookie.split(";")[0]!;
    const me = await t.anonymous.request("/api/auth/me", { headers: { cookie } });
    expect(await me.json()).toMatchObject({ user: { email: "agent@brand.test", role: "agent" } });

    expect((await t.anonymous.request("/api/auth/logout", { method: "POST", headers: { cookie } })).status).toBe(200);
    expect((await t.anonymous.request("/api/auth/me", { headers: { cookie } })).status).toBe(401);
  });

  it("marks the cookie Secure behind TLS", async () => {
    const res = await t.anonymous.request(
      "/api/auth/login",
      json({ email: "agent@brand.test", password: PASSWORD }, { "x-forwarded-proto": "https", "x-forwarded-for": "10.0.0.9" }),
    );
    expect(res.headers.get("set-cookie")).toMatch(/Secure/);
  });

  it("refuses a wrong password without saying whether the user exists", async () => {
    const wrong = await login("agent@brand.test", "not-the-password", "10.0.0.2");
    const unknown = await login("nobody@brand.test", "not-the-password", "10.0.0.2");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = async (res: Response) => ((await res.json()) as { error: { message: string } }).error.message;
    expect(await message(wrong)).toBe(await message(unknown));
  });

  it("rate-limits failed sign-ins, even a right password after too many wrong ones", async () => {
    for (let i = 0; i < 5; i++) expect((await login("agent@brand.test", "guess-" + i, "10.0.0.3")).status).toBe(401);
    const limited = await login("agent@brand.test", PASSWORD, "10.0.0.3");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited" } });
    // Another client is not locked out by someone else's guessing.
    expect((await login("agent@brand.test", PASSWORD, "10.0.0.4")).status).toBe(200);
  });

  it("counts each attempt before checking its password: 25 guesses at once get at most 5 answers", async () => {
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => login("viewer@brand.test", "parallel-" + i, "10.3.0.1")));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
  });

  it("does not believe X-Forwarded-For unless TRUST_PROXY says a proxy of ours sets it", async () => {
    const direct = await createTestApp();
    try {
      const attempt = (client: string) =>
        direct.anonymous.request("/api/auth/login", json({ email: "nobody@brand.test", password: "wrong-password" }, { "x-forwarded-for": client }));
      for (let i = 0; i < 5; i++) expect((await attempt(`198.51.100.${i}`)).status).toBe(401);
      // A sixth "client" is the same socket peer: refused.
      expect((await attempt("198.51.100.99")).status).toBe(429);
    } finally {
      await direct.close();
    }
    // A second app on its own database, and six password checks: slow on a busy machine.
  }, 120_000);

  it("caps failures per email too, so forging X-Forwarded-For does not buy more guesses", async () => {
    for (let i = 0; i < 20; i++) await login("agent@brand.test", "guess-" + i, `10.1.0.${i}`);
    const res = await login("agent@brand.test", PASSWORD, "10.2.0.1");
    expect(res.status).toBe(429);
    // Twenty-one password checks in a row.
  }, 120_000);

  it("expires sessions", async () => {
    const short = await createTestApp({ sessionTtlMs: 1 });
    try {
      await short.database.db.insert(users).values({
        id: newId("user"),
        workspaceId: short.workspaceId,
        email: "short@brand.test",
        name: "Short",
        role: "viewer",
        passwordHash: await hashPassword(PASSWORD),
      });
      const res = await short.anonymous.request("/api/auth/login", json({ email: "short@brand.test", password: PASSWORD }));
      expect(res.status).toBe(200);
      const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
      await new Promise((r) => setTimeout(r, 20));
      const me = await short.anonymous.request("/api/auth/me", { headers: { cookie } });
      expect(me.status).toBe(401);
      expect(((await me.json()) as { error: { message: string } }).error.message).toMatch(/expired/);
    } finally {
      await short.close();
    }
    // A second app on its own database: its start alone takes seconds on a busy machine.
  }, 120_000);

  it("refuses a revoked API token", async () => {
    const created = await t.app.request("/api/tokens", json({ name: "zapier" }));
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    expect((await t.anonymous.request("/api/messages", { headers: bearer(token) })).status).toBe(200);
    const list = await (await t.app.request("/api/tokens")).text();
    expect(list).not.toContain(token);
    expect((await t.app.request(`/api/tokens/${id}`, { method: "DELETE" })).status).toBe(200);
    expect((await t.anonymous.request("/api/messages", { headers: bearer(token) })).status).toBe(401);
  });
});

describe("roles", () => {
  async function someMessageId() {
    const page = (await (await t.app.request("/api/messages?limit=1")).json()) as MessagePage;
    return page.items[0]!.id;
  }
  const patch = (id: string, token: string) =>
    t.anonymous.request(`/api/messages/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", ...bearer(token) },
      body: JSON.stringify({ status: "closed" }),
    });

  it("lets a viewer read but not change anything", async () => {
    const viewer = await t.tokenFor("viewer");
    expect((await t.anonymous.request("/api/messages", { headers: bearer(viewer) })).status).toBe(200);
    const res = await patch(await someMessageId(), viewer);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
    expect((await t.anonymous.request("/api/accounts", json({ channel: "instagram", externalAccountId: "1" }, bearer(viewer)))).status).toBe(403);
    expect((await t.anonymous.request("/api/users", { headers: bearer(viewer) })).status).toBe(403);
  });

  it("lets an agent triage but not manage users, accounts or the audit log", async () => {
    const agent = await t.tokenFor("agent");
    expect((await patch(await someMessageId(), agent)).status).toBe(200);
    expect((await t.anonymous.request("/api/users", json({ email: "x@y.test", name: "X", role: "admin", password: "0123456789" }, bearer(agent)))).status).toBe(403);
    expect((await t.anonymous.request("/api/audit", { headers: bearer(agent) })).status).toBe(403);
  });

  it("lets an admin add users, change roles, and read who changed what", async () => {
    const created = await t.app.request("/api/users", json({ email: "new@brand.test", name: "New", role: "viewer", password: "0123456789ab" }));
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: string };
    const promoted = await t.app.request(`/api/users/${user.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "agent" }),
    });
    expect(await promoted.json()).toMatchObject({ role: "agent" });
    const audit = (await (await t.app.request(`/api/audit?entityId=${user.id}`)).json()) as { items: { action: string; before: unknown; after: unknown }[] };
    expect(audit.items.map((e) => e.action)).toEqual(["user.update", "user.create"]);
    expect(audit.items[0]).toMatchObject({ before: { role: "viewer" }, after: { role: "agent" } });
    expect(JSON.stringify(audit)).not.toContain("0123456789ab");
  });
});

describe("workspaces", () => {
  it("never shows another workspace's messages", async () => {
    const otherId = newId("ws");
    await t.database.db.insert(workspaces).values({ id: otherId, name: "Other brand" });
    const outsider = await t.tokenFor("admin", otherId);
    const mine = (await (await t.app.request("/api/messages?limit=200")).json()) as MessagePage;
    expect(mine.items.length).toBeGreaterThan(0);
    const theirs = (await (await t.anonymous.request("/api/messages?limit=200", { headers: bearer(outsider) })).json()) as MessagePage;
    expect(theirs.items).toEqual([]);
    const id = mine.items[0]!.id;
    expect((await t.anonymous.request(`/api/messages/${id}`, { headers: bearer(outsider) })).status).toBe(404);
    const res = await t.anonymous.request(`/api/messages/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", ...bearer(outsider) },
      body: JSON.stringify({ label: "praise" }),
    });
    expect(res.status).toBe(404);
    const [stillMine] = await t.database.db.select().from(users).where(eq(users.workspaceId, otherId));
    expect(stillMine?.workspaceId).toBe(otherId);
  });
});
