import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents, connectedAccounts, workspaces } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { openAccessToken } from "./account-token.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const post = (body: unknown) => t.app.send("POST", "/api/accounts", body);

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

  it("refuses to connect an account another workspace owns, and leaves that workspace's row and token alone", async () => {
    await t.database.db.insert(workspaces).values({ id: "ws_rival", name: "Rival brand" });
    const rivalAdmin = await t.tokenFor("admin", "ws_rival");
    const [before] = await t.database.db.select().from(connectedAccounts).where(eq(connectedAccounts.externalAccountId, "17841499999999999"));
    const res = await t.anonymous.request("/api/accounts", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${rivalAdmin}` },
      body: JSON.stringify({ channel: "instagram", externalAccountId: "17841499999999999", accessToken: "rival-token" }),
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "conflict", message: expect.stringContaining("another Surgedesk workspace") } });
    const [after] = await t.database.db.select().from(connectedAccounts).where(eq(connectedAccounts.externalAccountId, "17841499999999999"));
    expect(after).toEqual(before);
    expect(after?.workspaceId).toBe(t.workspaceId);

    // The rival workspace can still connect an account of its own.
    const own = await t.anonymous.request("/api/accounts", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${rivalAdmin}` },
      body: JSON.stringify({ channel: "instagram", externalAccountId: "17841400000000777", accessToken: "rival-token" }),
    });
    expect(own.status).toBe(201);
  });

  it("audits connecting and reconnecting, without the token", async () => {
    const entries = await t.database.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, t.workspaceId));
    const actions = entries.filter((e) => e.entityType === "connected_account").map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["account.connect", "account.reconnect"]));
    const text = JSON.stringify(entries);
    expect(text).not.toContain(token);
    expect(text).not.toContain("new-token");
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
