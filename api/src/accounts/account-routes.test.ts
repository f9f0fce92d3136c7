import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { connectedAccounts } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "../testing/test-app.ts";
import { openAccessToken } from "./account-token.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const post = (body: unknown) =>
  t.app.request("/api/accounts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("/api/accounts", () => {
  const token = "IGQWRPa1ZA-secret-token-value";

  it("connects an account with its token sealed at rest and never shown", async () => {
    const res = await post({ channel: "instagram", externalAccountId: "17841499999999999", handle: "brand.co", accessToken: token });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain(token);
    expect(JSON.parse(text)).toMatchObject({ channel: "instagram", handle: "brand.co", status: "active", hasAccessToken: true });

    const [row] = await t.database.db.select().from(connectedAccounts).where(eq(connectedAccounts.externalAccountId, "17841499999999999"));
    expect(row?.accessTokenEncrypted).toBeTruthy();
    expect(row?.accessTokenEncrypted).not.toContain(token);
    expect(openAccessToken(t.config, row!.accessTokenEncrypted!)).toBe(token);

    const list = await t.app.request("/api/accounts");
    const listText = await list.text();
    expect(listText).not.toContain(token);
    expect(listText).not.toContain(row!.accessTokenEncrypted!);
  });

  it("reconnecting an account that needs attention makes it active again", async () => {
    await t.database.db
      .update(connectedAccounts)
      .set({ status: "needs_attention", attentionReason: "token expired" })
      .where(eq(connectedAccounts.externalAccountId, "17841499999999999"));
    const res = await post({ channel: "instagram", externalAccountId: "17841499999999999", accessToken: "new-token" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: "active", attentionReason: null });
    const rows = await t.database.db.select().from(connectedAccounts).where(eq(connectedAccounts.externalAccountId, "17841499999999999"));
    expect(rows).toHaveLength(1);
  });

  it.each([
    ["an unknown channel", { channel: "myspace", externalAccountId: "1" }],
    ["a missing account id", { channel: "tiktok_shop" }],
    ["a bad expiry date", { channel: "instagram", externalAccountId: "1", tokenExpiresAt: "tomorrow" }],
  ])("answers 400 for %s", async (_, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "validation_failed" } });
  });
});
