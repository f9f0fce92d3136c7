import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, connectedAccounts, oauthStates, syncCursors, workspaces } from "../../db/schema/index.ts";
import { createTestApp, TEST_INSTAGRAM_SECRET, TEST_TIKTOK_CLIENT_SECRET, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { InstagramWorld } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { instagramOAuthHandlers } from "@surgedesk/devkit/emulators/instagram/oauth-handlers.ts";
import { createTikTokEmulator } from "@surgedesk/devkit/emulators/tiktok/tiktok-emulator.ts";
import { tiktokOAuthHandlers } from "@surgedesk/devkit/emulators/tiktok/oauth-handlers.ts";
import { TikTokShopEmulator } from "@surgedesk/devkit/emulators/tiktok-shop/shop-emulator.ts";
import { tiktokShopOAuthHandlers } from "@surgedesk/devkit/emulators/tiktok-shop/oauth-handlers.ts";
import { openAccessToken } from "../account-token.ts";
import type { AccountChannel } from "@surgedesk/shared";

const PUBLIC_URL = "https://desk.example.test";
const OAUTH = { instagramAppId: "test-instagram-app", tiktokClientKey: "test-tiktok-client-key", tiktokShopServiceId: "test-shop-service" };

const instagram = new InstagramWorld();
const igBrand = instagram.addAccount({ username: "glowbar.studio" });
const tiktok = createTikTokEmulator();
const business = tiktok.world.addBusiness({ username: "glowbar.tt" });
let t: TestApp;
let shop: TikTokShopEmulator;
let emulators: ReturnType<typeof startEmulatorServer>;

beforeAll(async () => {
  t = await createTestApp({ publicUrl: PUBLIC_URL, oauth: OAUTH });
  shop = new TikTokShopEmulator({ appKey: t.config.tiktok.shopAppKey!, appSecret: t.config.tiktok.shopAppSecret! });
  const outlet = shop.addShop({ name: "Glowbar Outlet" });
  emulators = startEmulatorServer([
    ...instagramGraphHandlers(instagram),
    ...instagramOAuthHandlers(instagram, { appId: OAUTH.instagramAppId, appSecret: TEST_INSTAGRAM_SECRET, signedIn: () => igBrand }),
    ...tiktok.handlers,
    ...tiktokOAuthHandlers(tiktok.world, { clientKey: OAUTH.tiktokClientKey, clientSecret: TEST_TIKTOK_CLIENT_SECRET, signedIn: () => business }),
    ...shop.handlers(),
    ...tiktokShopOAuthHandlers(shop, { serviceId: OAUTH.tiktokShopServiceId, signedIn: () => outlet }),
  ]);
});
afterAll(async () => {
  emulators?.close();
  await t?.close();
});

const as = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

async function start(channel: AccountChannel, token?: string): Promise<string> {
  const res = await t.app.request(`/api/accounts/oauth/${channel}/start`, { method: "POST", headers: { "content-type": "application/json", ...as(token) } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { authorizeUrl: string }).authorizeUrl;
}

/** What the admin's browser does on the platform's page: follow Allow (or Deny) back to us. */
async function consent(authorizeUrl: string, choice: "allow" | "deny" = "allow"): Promise<URL> {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  const href = new RegExp(`id="${choice}" href="([^"]+)"`).exec(await page.text())?.[1];
  expect(href).toBeTruthy();
  const back = new URL(href!.replaceAll("&amp;", "&").replaceAll("&#38;", "&"));
  expect(back.origin + back.pathname).toMatch(new RegExp(`^${PUBLIC_URL}/api/accounts/oauth/[a-z_]+/callback$`));
  back.hash = "";
  return back;
}

async function callback(back: URL, token?: string, anonymous = false) {
  const path = `${back.pathname}${back.search}`;
  const res = anonymous ? await t.anonymous.request(path) : await t.app.request(path, { headers: as(token) });
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get("location")!, PUBLIC_URL);
  expect(location.pathname).toBe("/settings/accounts");
  return { outcome: location.searchParams.get("oauth"), account: location.searchParams.get("account") };
}

const accountRows = () => t.database.db.select().from(connectedAccounts);
const auditCount = async () => (await t.database.db.select().from(auditEvents)).length;

describe("connecting accounts with the platforms' OAuth flows", () => {
  it("says which platforms are ready to connect", async () => {
    const res = await t.app.request("/api/accounts/oauth");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([
      { channel: "instagram", ready: true, missing: [] },
      { channel: "tiktok_business", ready: true, missing: [] },
      { channel: "tiktok_shop", ready: true, missing: [] },
    ]);
  });

  it("names the missing settings instead of starting when the app is not configured", async () => {
    const saved = { ...t.config.oauth };
    const savedUrl = t.config.publicUrl;
    t.config.oauth.instagramAppId = undefined;
    t.config.publicUrl = undefined;
    try {
      const list = (await (await t.app.request("/api/accounts/oauth")).json()) as { items: { channel: string; missing: string[] }[] };
      expect(list.items[0]).toMatchObject({ channel: "instagram", ready: false, missing: ["INSTAGRAM_APP_ID", "PUBLIC_URL"] });
      const res = await t.app.request("/api/accounts/oauth/instagram/start", { method: "POST", headers: { "content-type": "application/json" } });
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: "conflict", message: expect.stringContaining("INSTAGRAM_APP_ID, PUBLIC_URL") } });
      expect(await t.database.db.select().from(oauthStates)).toHaveLength(0);
    } finally {
      Object.assign(t.config.oauth, saved);
      t.config.publicUrl = savedUrl;
    }
  });

  it("lets only admins start", async () => {
    const agent = await t.tokenFor("agent");
    const res = await t.app.request("/api/accounts/oauth/instagram/start", { method: "POST", headers: { "content-type": "application/json", ...as(agent) } });
    expect(res.status).toBe(403);
  });

  it("connects Instagram: code → short-lived → long-lived token, account upserted, audited, polling scheduled", async () => {
    const authorizeUrl = await start("instagram");
    const url = new URL(authorizeUrl);
    expect(url.origin + url.pathname).toBe("https://www.instagram.com/oauth/authorize");
    expect(url.searchParams.get("client_id")).toBe(OAUTH.instagramAppId);
    expect(url.searchParams.get("redirect_uri")).toBe(`${PUBLIC_URL}/api/accounts/oauth/instagram/callback`);
    const state = url.searchParams.get("state")!;
    expect(state.length).toBeGreaterThanOrEqual(43);
    // Only the state's hash is stored.
    const [stored] = await t.database.db.select().from(oauthStates);
    expect(stored?.stateHash).not.toBe(state);
    expect(JSON.stringify(stored)).not.toContain(state);

    const back = await consent(authorizeUrl);
    expect(back.searchParams.get("state")).toBe(state);
    const result = await callback(back);
    expect(result.outcome).toBe("connected");

    const [row] = await t.database.db.select().from(connectedAccounts).where(eq(connectedAccounts.externalAccountId, igBrand.id));
    expect(row).toMatchObject({ id: result.account, workspaceId: t.workspaceId, channel: "instagram", handle: "glowbar.studio", status: "active", refreshTokenEncrypted: null });
    // The long-lived token the emulator issued: the one the Graph API now accepts.
    expect(openAccessToken(t.config, row!.accessTokenEncrypted!)).toBe(igBrand.token);
    expect(row!.tokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(59 * 86_400_000);
    expect(await t.database.db.select().from(syncCursors).where(eq(syncCursors.accountId, row!.id))).not.toHaveLength(0);

    const audits = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, row!.id), eq(auditEvents.action, "account.connect")));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({ via: "oauth", hasAccessToken: true });
    expect(JSON.stringify(audits)).not.toContain(igBrand.token);
  });

  it("uses a state once: the same redirect again is refused and writes nothing", async () => {
    const back = await consent(await start("instagram"));
    expect((await callback(back)).outcome).toBe("connected");
    const [before, audits] = [await accountRows(), await auditCount()];
    expect((await callback(back)).outcome).toBe("state_used");
    expect(await accountRows()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("refuses an expired state, a forged one, and one meant for another platform", async () => {
    const back = await consent(await start("instagram"));
    await t.database.db.update(oauthStates).set({ expiresAt: new Date(Date.now() - 1000) });
    const [before, audits] = [await accountRows(), await auditCount()];
    expect((await callback(back)).outcome).toBe("state_expired");

    const forged = new URL(back);
    forged.searchParams.set("state", "forged-state-value-that-was-never-issued-by-us");
    expect((await callback(forged)).outcome).toBe("state_unknown");
    const noState = new URL(back);
    noState.searchParams.delete("state");
    expect((await callback(noState)).outcome).toBe("state_unknown");

    const tiktokBack = await consent(await start("tiktok_business"));
    const crossed = new URL(`${PUBLIC_URL}/api/accounts/oauth/instagram/callback${tiktokBack.search}`);
    expect((await callback(crossed)).outcome).toBe("state_unknown");
    expect(await accountRows()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("refuses a state another user started, and leaves it for them to finish", async () => {
    const back = await consent(await start("instagram"));
    const otherAdmin = await t.tokenFor("admin");
    const audits = await auditCount();
    expect((await callback(back, otherAdmin)).outcome).toBe("state_other_user");
    expect(await auditCount()).toBe(audits);
    expect((await callback(back)).outcome).toBe("connected");
  });

  it("sends a browser whose session ended back to Settings, and the state stays unused", async () => {
    const back = await consent(await start("instagram"));
    expect((await callback(back, undefined, true)).outcome).toBe("signed_out");
    expect((await callback(back)).outcome).toBe("connected");
  });

  it("refuses to move an account another workspace connected, and leaves its row alone", async () => {
    await t.database.db.insert(workspaces).values({ id: "ws_rival", name: "Rival brand" }).onConflictDoNothing();
    const rival = await t.tokenFor("admin", "ws_rival");
    const back = await consent(await start("instagram", rival));
    const [before] = await t.database.db.select().from(connectedAccounts).where(eq(connectedAccounts.externalAccountId, igBrand.id));
    expect((await callback(back, rival)).outcome).toBe("owned_elsewhere");
    const [after] = await t.database.db.select().from(connectedAccounts).where(eq(connectedAccounts.externalAccountId, igBrand.id));
    expect(after).toEqual(before);
    expect(after?.workspaceId).toBe(t.workspaceId);
  });

  it("says the admin declined when they chose Deny, and uses the state up", async () => {
    const back = await consent(await start("instagram"), "deny");
    expect(back.searchParams.get("error")).toBe("access_denied");
    const audits = await auditCount();
    expect((await callback(back)).outcome).toBe("denied");
    expect((await callback(back)).outcome).toBe("state_used");
    expect(await auditCount()).toBe(audits);
  });

  it("reports a code the platform refuses (unknown, or already traded) without writing anything", async () => {
    const first = await consent(await start("instagram"));
    expect((await callback(first)).outcome).toBe("connected");
    const [before, audits] = [await accountRows(), await auditCount()];

    // A fresh state with the code already traded: Instagram says it has been used.
    const second = await consent(await start("instagram"));
    second.searchParams.set("code", first.searchParams.get("code")!);
    expect((await callback(second)).outcome).toBe("code_invalid");

    const third = await consent(await start("tiktok_business"));
    third.searchParams.set("code", "not-a-code-tiktok-issued");
    expect((await callback(third)).outcome).toBe("code_invalid");

    const fourth = await consent(await start("instagram"));
    fourth.searchParams.delete("code");
    expect((await callback(fourth)).outcome).toBe("code_missing");
    expect(await accountRows()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("connects TikTok with its refresh token, expiry and business id", async () => {
    const result = await callback(await consent(await start("tiktok_business")));
    expect(result.outcome).toBe("connected");
    const [row] = await t.database.db.select().from(connectedAccounts).where(eq(connectedAccounts.id, result.account!));
    expect(row).toMatchObject({ channel: "tiktok_business", externalAccountId: business.businessId, handle: "glowbar.tt", platformParams: { business_id: business.businessId } });
    expect(openAccessToken(t.config, row!.accessTokenEncrypted!)).toBe(business.accessToken);
    expect(row!.refreshTokenEncrypted).toBeTruthy();
    expect(openAccessToken(t.config, row!.refreshTokenEncrypted!)).toMatch(/^rft\./);
    const day = row!.tokenExpiresAt!.getTime() - Date.now();
    expect(day).toBeGreaterThan(23 * 3_600_000);
    expect(day).toBeLessThanOrEqual(24 * 3_600_000);
    expect(row!.refreshTokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(360 * 86_400_000);
  });

  it("connects a TikTok Shop with the cipher from Get Authorized Shops", async () => {
    const result = await callback(await consent(await start("tiktok_shop")));
    expect(result.outcome).toBe("connected");
    const [row] = await t.database.db.select().from(connectedAccounts).where(eq(connectedAccounts.id, result.account!));
    const outlet = shop.shops[0]!;
    expect(row).toMatchObject({ channel: "tiktok_shop", externalAccountId: outlet.shopId, handle: "Glowbar Outlet", platformParams: { shop_cipher: outlet.cipher } });
    expect(openAccessToken(t.config, row!.accessTokenEncrypted!)).toBe(outlet.accessToken);
    expect(row!.refreshTokenEncrypted).toBeTruthy();
  });

  it("shows the new health fields in the account list, never a token", async () => {
    const res = await t.app.request("/api/accounts");
    const text = await res.text();
    expect(text).not.toContain(business.accessToken);
    const items = (JSON.parse(text) as { items: { channel: string; tokenRefreshable: boolean; lastPolledAt: string | null; lastWebhookAt: string | null }[] }).items;
    expect(items.find((a) => a.channel === "tiktok_business")).toMatchObject({ tokenRefreshable: true, lastPolledAt: null, lastWebhookAt: null });
    expect(items.find((a) => a.channel === "instagram")).toMatchObject({ tokenRefreshable: false });

    // Once the scheduler has polled the new accounts, each says when.
    await t.sync.drain();
    const polled = (await (await t.app.request("/api/accounts")).json()) as { items: { channel: string; lastPolledAt: string | null }[] };
    for (const account of polled.items) expect(account.lastPolledAt, account.channel).not.toBeNull();
  });
});
