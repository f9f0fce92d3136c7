import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { MessagePage } from "@surgedesk/shared";
import { loadConfig } from "../api/src/config.ts";
import { startSurgedesk } from "../api/src/start-surgedesk.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { TEST_INSTAGRAM_SECRET } from "@surgedesk/devkit/testing/test-app.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../api/src/auth/bootstrap-users.ts";
import { connectedAccounts } from "../api/src/db/schema/index.ts";
import { openAccessToken } from "../api/src/accounts/account-token.ts";
import { isPostgresPass } from "./support/postgres-pass.ts";

/** The embedded default: what PGlite stored in DATA_DIR is there after the API restarts. */
// PGlite whatever DATABASE_URL says: run once, in the PGlite pass.
describe.skipIf(isPostgresPass)("restart on the same DATA_DIR (PGlite)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "surgedesk-restart-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const config = (demo: boolean) =>
    loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DEMO: String(demo),
      DEMO_SURGE: "false",
      LOG_LEVEL: "silent",
      INSTAGRAM_APP_SECRET: TEST_INSTAGRAM_SECRET,
    });

  const listAll = async (url: string, cookie: string) =>
    ((await (await fetch(`${url}/api/messages?limit=200`, { headers: { cookie } })).json()) as MessagePage).items;

  /** Signs in with the documented demo login and returns the session cookie. */
  async function signIn(url: string): Promise<string> {
    const res = await fetch(`${url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: DEMO_USERS[0]!.email, password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    return cookie.split(";")[0]!;
  }

  it("keeps messages, seeds the demo once, and keeps accepting webhooks", async () => {
    const first = await startSurgedesk(config(true));
    expect(first.database.driver).toBe("pglite");
    const { commentId, body } = instagramCommentDelivery({ text: "arrived broken 💔" });
    expect((await fetch(`${first.url}/webhooks/instagram`, signedInstagramPost(body))).status).toBe(200);
    // Let the demo's emulated platforms be polled to the end before taking stock.
    await first.sync.drain();
    await first.ingest.drain();
    const cookie = await signIn(first.url);
    const before = await listAll(first.url, cookie);
    expect(before.some((m) => m.externalId === commentId)).toBe(true);
    expect(before.length).toBeGreaterThan(20); // the demo launch plus our comment
    // The demo's accounts' tokens, as the first run sealed them with its generated key.
    const sealed = (await first.database.db.select({ token: connectedAccounts.accessTokenEncrypted }).from(connectedAccounts)).flatMap((a) => (a.token ? [a.token] : []));
    expect(sealed.length).toBeGreaterThan(0);
    await first.stop();

    const second = await startSurgedesk(config(true));
    await second.sync.drain();
    await second.ingest.drain();
    // The session survives the restart too: it is stored, not held in memory.
    const after = await listAll(second.url, cookie);
    expect(after.map((m) => m.id).sort()).toEqual(before.map((m) => m.id).sort());
    // The key is kept in DATA_DIR: the restarted demo still opens what the first run sealed.
    for (const token of sealed) expect(openAccessToken(second.services.config, token)).toBeTruthy();
    await second.stop();
  }, 120_000); // two full starts in demo mode, each loading the devkit
});
