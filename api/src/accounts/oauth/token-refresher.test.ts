import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { connectedAccounts } from "../../db/schema/index.ts";
import { createTestApp, TEST_TIKTOK_CLIENT_SECRET, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { createTikTokEmulator } from "@surgedesk/devkit/emulators/tiktok/tiktok-emulator.ts";
import { tiktokOAuthHandlers } from "@surgedesk/devkit/emulators/tiktok/oauth-handlers.ts";
import { createLogger } from "../../lib/logger.ts";
import { openAccessToken, sealAccessToken } from "../account-token.ts";
import { refreshDueTokens, REFRESH_AHEAD_MS } from "./token-refresher.ts";

const PUBLIC_URL = "https://desk.example.test";
const tiktok = createTikTokEmulator();
const business = tiktok.world.addBusiness({ username: "glowbar.tt" });
let t: TestApp;
let emulators: ReturnType<typeof startEmulatorServer>;
let accountId: string;

beforeAll(async () => {
  t = await createTestApp({ publicUrl: PUBLIC_URL, oauth: { instagramAppId: undefined, tiktokClientKey: "test-tiktok-client-key", tiktokShopServiceId: undefined } });
  emulators = startEmulatorServer([
    ...tiktok.handlers,
    ...tiktokOAuthHandlers(tiktok.world, { clientKey: "test-tiktok-client-key", clientSecret: TEST_TIKTOK_CLIENT_SECRET, signedIn: () => business }),
  ]);
  accountId = await connectWithOAuth();
});
afterAll(async () => {
  emulators?.close();
  await t?.close();
});

/** The admin's round trip: start, Allow on TikTok's page, back to the callback. */
async function connectWithOAuth(): Promise<string> {
  const start = await t.app.request("/api/accounts/oauth/tiktok_business/start", { method: "POST", headers: { "content-type": "application/json" } });
  const { authorizeUrl } = (await start.json()) as { authorizeUrl: string };
  const page = await (await fetch(authorizeUrl)).text();
  const back = new URL(/id="allow" href="([^"]+)"/.exec(page)![1]!.replaceAll("&#38;", "&"));
  const res = await t.app.request(`${back.pathname}${back.search}`);
  const location = new URL(res.headers.get("location")!, PUBLIC_URL);
  expect(location.searchParams.get("oauth")).toBe("connected");
  return location.searchParams.get("account")!;
}

const row = async () => (await t.database.db.select().from(connectedAccounts).where(eq(connectedAccounts.id, accountId)))[0]!;
const refresh = (now = new Date()) =>
  refreshDueTokens({ db: t.database.db, config: t.config, connectors: t.connectors, fetch: (url, init) => fetch(url, init), logger: createLogger("silent"), now });

describe("renewing access tokens before they expire", () => {
  it("leaves a token alone while it has long to live", async () => {
    expect(await refresh()).toEqual({ refreshed: 0, refused: 0, postponed: 0 });
  });

  it("renews one that expires soon, once, with the rotated refresh token, and the platform accepts the new one", async () => {
    const before = await row();
    const now = new Date(before.tokenExpiresAt!.getTime() - REFRESH_AHEAD_MS + 60_000);
    // Two passes at once (two processes): the lease lets one of them spend the refresh token.
    const passes = await Promise.all([refresh(now), refresh(now)]);
    expect(passes.reduce((sum, p) => sum + p.refreshed, 0)).toBe(1);
    expect(passes.reduce((sum, p) => sum + p.refused + p.postponed, 0)).toBe(0);
    const after = await row();
    expect(openAccessToken(t.config, after.accessTokenEncrypted!)).toBe(business.accessToken);
    expect(openAccessToken(t.config, after.refreshTokenEncrypted!)).not.toBe(openAccessToken(t.config, before.refreshTokenEncrypted!));
    expect(after.tokenRefreshedAt).toEqual(now);
    expect(after.tokenExpiresAt!.getTime()).toBe(now.getTime() + 86_400_000);
    expect(after.tokenRefreshLeaseUntil).toBeNull();
    const list = (await (await t.app.request("/api/accounts")).json()) as { items: { tokenRefreshedAt: string | null; tokenRefreshable: boolean }[] };
    expect(list.items[0]).toMatchObject({ tokenRefreshable: true, tokenRefreshedAt: now.toISOString() });
  });

  it("marks the account as needing attention, in words, when the platform refuses the refresh token; reconnecting heals it", async () => {
    await t.database.db
      .update(connectedAccounts)
      .set({ refreshTokenEncrypted: sealAccessToken(t.config, "rft.revoked"), tokenExpiresAt: new Date(Date.now() + 60_000) })
      .where(eq(connectedAccounts.id, accountId));
    expect(await refresh()).toMatchObject({ refused: 1 });
    const refused = await row();
    expect(refused.status).toBe("needs_attention");
    expect(refused.attentionReason).toMatch(/could not be renewed.*refresh token.*reconnect/);
    // The dead refresh token is dropped: the next pass does not ask the platform again.
    expect(await refresh()).toEqual({ refreshed: 0, refused: 0, postponed: 0 });

    expect(await connectWithOAuth()).toBe(accountId);
    expect(await row()).toMatchObject({ status: "active", attentionReason: null });
  });
});
