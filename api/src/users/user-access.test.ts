import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import type { ManagedUser } from "@surgedesk/shared";
import { users, workspaces } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { newId } from "../lib/ids.ts";
import { readSse } from "../live/read-sse.ts";

/** What ends a user's access at once: a new password or role, or being disabled. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const PASSWORD = "a-long-enough-password";
const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function addUser(role: "admin" | "agent" | "viewer"): Promise<ManagedUser & { email: string }> {
  const email = `${newId("user").toLowerCase()}@brand.test`;
  const res = await t.app.request("/api/users", json("POST", { email, name: "Someone", role, password: PASSWORD }));
  expect(res.status).toBe(201);
  return (await res.json()) as ManagedUser;
}

async function signIn(email: string, password = PASSWORD): Promise<Response> {
  return t.anonymous.request("/api/auth/login", json("POST", { email, password }));
}
async function sessionCookie(email: string, password = PASSWORD): Promise<string> {
  const res = await signIn(email, password);
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}
const meStatus = async (headers: Record<string, string>) => (await t.anonymous.request("/api/auth/me", { headers })).status;

async function tokenOf(userId: string): Promise<string> {
  const res = await t.app.request("/api/tokens", json("POST", { name: "script", userId }));
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

describe("changing a password or role ends the user's sessions", () => {
  it("signs the user out everywhere when an admin sets a new password", async () => {
    const user = await addUser("agent");
    const laptop = await sessionCookie(user.email);
    const phone = await sessionCookie(user.email);
    const res = await t.app.request(`/api/users/${user.id}`, json("PATCH", { password: "another-long-password" }));
    expect(res.status).toBe(200);
    expect(await meStatus({ cookie: laptop })).toBe(401);
    expect(await meStatus({ cookie: phone })).toBe(401);
    expect(await meStatus({ cookie: await sessionCookie(user.email, "another-long-password") })).toBe(200);
  });

  it("signs the user out when their role changes, and not on a rename", async () => {
    const user = await addUser("agent");
    const cookie = await sessionCookie(user.email);
    expect((await t.app.request(`/api/users/${user.id}`, json("PATCH", { name: "Renamed" }))).status).toBe(200);
    expect(await meStatus({ cookie })).toBe(200);
    expect((await t.app.request(`/api/users/${user.id}`, json("PATCH", { role: "viewer" }))).status).toBe(200);
    expect(await meStatus({ cookie })).toBe(401);
  });

  it("keeps the admin's own session when they change their own password, and ends their others", async () => {
    const admin = await addUser("admin");
    const here = await sessionCookie(admin.email);
    const elsewhere = await sessionCookie(admin.email);
    const res = await t.anonymous.request(`/api/users/${admin.id}`, json("PATCH", { password: "my-new-long-password" }, { cookie: here }));
    expect(res.status).toBe(200);
    expect(await meStatus({ cookie: here })).toBe(200);
    expect(await meStatus({ cookie: elsewhere })).toBe(401);
  });
});

describe("disabling a user", () => {
  it("stops their sessions and API tokens at once, refuses their sign-in like a wrong password, and is audited", async () => {
    const user = await addUser("agent");
    const cookie = await sessionCookie(user.email);
    const token = await tokenOf(user.id);
    expect(await meStatus(bearer(token))).toBe(200);

    const disabled = await t.app.request(`/api/users/${user.id}/disable`, { method: "POST" });
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ id: user.id, disabled: true });
    expect(await meStatus({ cookie })).toBe(401);
    expect(await meStatus(bearer(token))).toBe(401);

    const refused = await signIn(user.email);
    const wrong = await signIn(user.email, "not-the-password");
    expect(refused.status).toBe(401);
    const answer = async (res: Response) => {
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      return { code: error.code, message: error.message };
    };
    expect(await answer(refused)).toEqual(await answer(wrong));

    const list = (await (await t.app.request("/api/users")).json()) as { items: ManagedUser[] };
    expect(list.items.find((u) => u.id === user.id)?.disabled).toBe(true);

    const enabled = await t.app.request(`/api/users/${user.id}/enable`, { method: "POST" });
    expect(await enabled.json()).toMatchObject({ disabled: false });
    // The old session stays ended; the token works again, and the user can sign in.
    expect(await meStatus({ cookie })).toBe(401);
    expect(await meStatus(bearer(token))).toBe(200);
    expect(await meStatus({ cookie: await sessionCookie(user.email) })).toBe(200);

    const audit = (await (await t.app.request(`/api/audit?entityId=${user.id}`)).json()) as { items: { action: string }[] };
    expect(audit.items.map((e) => e.action).slice(0, 2)).toEqual(["user.enable", "user.disable"]);
  });

  it("ends their open live streams: the console reconnects and is refused", async () => {
    const user = await addUser("agent");
    const token = await tokenOf(user.id);
    const stream = readSse(await t.anonymous.request("/api/live/stream", { headers: bearer(token) }));
    await stream.next((e) => e.event === "ready");
    expect((await t.app.request(`/api/users/${user.id}/disable`, { method: "POST" })).status).toBe(200);
    expect(await stream.next()).toEqual({ event: "reconnect", data: {} });
    await expect(stream.next()).rejects.toThrow(/the stream ended/);
    expect((await t.anonymous.request("/api/live/stream", { headers: bearer(token) })).status).toBe(401);
  });

  it("is for admins only", async () => {
    const user = await addUser("viewer");
    const agent = await t.tokenFor("agent");
    const res = await t.anonymous.request(`/api/users/${user.id}/disable`, { method: "POST", headers: bearer(agent) });
    expect(res.status).toBe(403);
    expect((await t.app.request(`/api/users/nope/disable`, { method: "POST" })).status).toBe(404);
  });

  it("refuses an admin disabling themselves, with a 409 that says why", async () => {
    const admin = await addUser("admin");
    const cookie = await sessionCookie(admin.email);
    const res = await t.anonymous.request(`/api/users/${admin.id}/disable`, { method: "POST", headers: { cookie } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "conflict", message: expect.stringMatching(/yourself/) } });
    expect(await meStatus({ cookie })).toBe(200);
  });

  it("never leaves a workspace without an active admin, even when its two admins disable each other at once", async () => {
    const workspaceId = newId("ws");
    await t.database.db.insert(workspaces).values({ id: workspaceId, name: "Two admins" });
    const tokens = [await t.tokenFor("admin", workspaceId), await t.tokenFor("admin", workspaceId)];
    const ids = await Promise.all(
      tokens.map(async (token) => ((await (await t.anonymous.request("/api/auth/me", { headers: bearer(token) })).json()) as { user: { id: string } }).user.id),
    );
    const answers = await Promise.all([
      t.anonymous.request(`/api/users/${ids[1]}/disable`, { method: "POST", headers: bearer(tokens[0]!) }),
      t.anonymous.request(`/api/users/${ids[0]}/disable`, { method: "POST", headers: bearer(tokens[1]!) }),
    ]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
    const active = await t.database.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.role, "admin"), isNull(users.disabledAt)));
    expect(active).toHaveLength(1);
  });
});
