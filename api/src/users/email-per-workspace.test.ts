import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManagedUser } from "@surgedesk/shared";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createWorkspaceWithAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";

/** An admin cannot learn whether an address has an account in another brand's workspace. */
let t: TestApp;
let otherAdmin: string;
beforeAll(async () => {
  t = await createTestApp();
  otherAdmin = await t.tokenFor("admin", (await createWorkspaceWithAccount(t.database.db, "Brand B")).workspaceId);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const post = (path: string, body: unknown, token?: string) => t.app.send("POST", path, body, token);
const addUser = (email: string, password: string, token?: string) => post("/api/users", { email, name: "Jordan", role: "agent", password }, token);
const signIn = (email: string, password: string) => post("/api/auth/login", { email, password });

describe("a user's email across workspaces", () => {
  it("adds an address another workspace already uses exactly as a new one, and refuses a repeat only within the workspace", async () => {
    expect((await addUser("jordan@agency.test", "password-of-brand-a")).status).toBe(201);
    const inB = await addUser("jordan@agency.test", "password-of-brand-b", otherAdmin);
    expect(inB.status).toBe(201);
    const fresh = await addUser("nobody-else@agency.test", "password-of-brand-b", otherAdmin);
    expect(fresh.status).toBe(201);
    const again = await addUser("jordan@agency.test", "another-password", otherAdmin);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "conflict", message: "A user with this email already exists in this workspace." } });
  });

  it("signs the person in to the workspace whose password they give", async () => {
    const a = await signIn("jordan@agency.test", "password-of-brand-a");
    const b = await signIn("jordan@agency.test", "password-of-brand-b");
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const [userA, userB] = [(await a.json()) as { user: ManagedUser }, (await b.json()) as { user: ManagedUser }];
    expect(userA.user.workspaceId).toBe(t.workspaceId);
    expect(userB.user.workspaceId).not.toBe(t.workspaceId);
    expect((await signIn("jordan@agency.test", "neither-password")).status).toBe(401);
  });
});
