import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiTokens } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const create = (body: unknown) =>
  t.app.request("/api/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const withToken = (token: string) => t.anonymous.request("/api/auth/me", { headers: { authorization: `Bearer ${token}` } });
const errorOf = async (res: Response) => {
  const { error } = (await res.json()) as { error: { code: string; message: string } };
  return { code: error.code, message: error.message };
};

describe("API token expiry", () => {
  it("takes an expiresAt, shows it in the list, and refuses the token once it has passed like an unknown one", async () => {
    const expiresAt = new Date(Date.now() + 7 * 24 * 3_600_000).toISOString();
    const created = await create({ name: "quarterly export", expiresAt });
    expect(created.status).toBe(201);
    const { id, token, ...shown } = (await created.json()) as { id: string; token: string; expiresAt: string };
    expect(shown.expiresAt).toBe(expiresAt);
    expect((await withToken(token)).status).toBe(200);

    const list = (await (await t.app.request("/api/tokens")).json()) as { items: { id: string; expiresAt: string | null }[] };
    expect(list.items.find((item) => item.id === id)?.expiresAt).toBe(expiresAt);

    // The week goes by.
    await t.database.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(apiTokens.id, id));
    const expired = await withToken(token);
    expect(expired.status).toBe(401);
    const unknown = await withToken("sdt_not-a-token-anyone-made");
    expect(await errorOf(expired)).toEqual(await errorOf(unknown));
  });

  it("never expires a token created without one", async () => {
    const created = await create({ name: "forever" });
    const body = (await created.json()) as { token: string; expiresAt: string | null };
    expect(body.expiresAt).toBeNull();
    expect((await withToken(body.token)).status).toBe(200);
  });

  it.each([
    ["in the past", new Date(Date.now() - 60_000).toISOString()],
    ["not a date", "next tuesday"],
    ["without a time zone", "2099-01-01T00:00:00"],
  ])("refuses an expiresAt %s with a 400", async (_case, expiresAt) => {
    const res = await create({ name: "bad", expiresAt });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: "validation_failed", message: expect.stringMatching(/expiresAt/) });
  });
});
