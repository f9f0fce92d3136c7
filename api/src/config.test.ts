import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";
import { sealAccessToken, openAccessToken } from "./accounts/account-token.ts";

const dirs: string[] = [];
const freshDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "surgedesk-config-"));
  dirs.push(dir);
  return join(dir, "data");
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("where the server listens", () => {
  it("listens on the loopback only in demo mode, unless HOST says otherwise", () => {
    expect(loadConfig({ DATA_DIR: freshDataDir() }).host).toBe("127.0.0.1");
    expect(loadConfig({ DATA_DIR: freshDataDir(), HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    expect(loadConfig({ DEMO: "false" }).host).toBe("0.0.0.0");
    expect(loadConfig({ DEMO: "false", HOST: "10.0.0.5" }).host).toBe("10.0.0.5");
  });
});

describe("when demo mode is on", () => {
  it("is on by default on a development machine", () => {
    expect(loadConfig({ DATA_DIR: freshDataDir() }).demo).toBe(true);
  });

  it("is off under NODE_ENV=production unless DEMO=true", () => {
    expect(loadConfig({ NODE_ENV: "production" }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", DEMO: "true", DATA_DIR: freshDataDir() }).demo).toBe(true);
  });

  it.each([
    ["INSTAGRAM_APP_SECRET", "real-app-secret"],
    ["INSTAGRAM_VERIFY_TOKEN", "real-verify-token"],
    ["TIKTOK_CLIENT_SECRET", "real-client-secret"],
    ["TIKTOK_SHOP_APP_SECRET", "real-shop-secret"],
    ["SHOPIFY_ADMIN_TOKEN", "shpat_real"],
    ["ENCRYPTION_KEY", "ab".repeat(32)],
  ])("is off when %s is set, unless DEMO=true", (name, value) => {
    const off = loadConfig({ [name]: value });
    expect(off.demo).toBe(false);
    // Nothing of the demo fills in the rest.
    expect(off.shopify.shopDomain).toBeUndefined();
    expect(loadConfig({ [name]: value, DEMO: "true", DATA_DIR: freshDataDir() }).demo).toBe(true);
  });
});

describe("demo mode's generated secrets", () => {
  it("are kept in DATA_DIR/demo-secrets.json (mode 0600): two loads agree", () => {
    const dataDir = freshDataDir();
    const first = loadConfig({ DEMO: "true", DATA_DIR: dataDir });
    const second = loadConfig({ DEMO: "true", DATA_DIR: dataDir });
    expect(first.encryptionKey).toHaveLength(32);
    expect(second.encryptionKey!.equals(first.encryptionKey!)).toBe(true);
    expect(second.instagram.appSecret).toBe(first.instagram.appSecret);
    expect(second.tiktok.clientSecret).toBe(first.tiktok.clientSecret);
    expect(second.tiktok.shopAppSecret).toBe(first.tiktok.shopAppSecret);
    expect(statSync(join(dataDir, "demo-secrets.json")).mode & 0o777).toBe(0o600);
    // Another DATA_DIR is another demo.
    expect(loadConfig({ DEMO: "true", DATA_DIR: freshDataDir() }).encryptionKey!.equals(first.encryptionKey!)).toBe(false);
  });

  it("let a restarted demo open the account tokens it sealed, with DATABASE_URL set too", () => {
    const dataDir = freshDataDir();
    const env = { DEMO: "true", DATA_DIR: dataDir, DATABASE_URL: "postgres://demo@127.0.0.1:5432/demo" };
    const sealed = sealAccessToken(loadConfig(env), "IGQV-demo-account-token");
    expect(openAccessToken(loadConfig(env), sealed)).toBe("IGQV-demo-account-token");
  });

  it("give way to the environment's", () => {
    const key = "cd".repeat(32);
    const config = loadConfig({ DEMO: "true", DATA_DIR: freshDataDir(), ENCRYPTION_KEY: key, INSTAGRAM_APP_SECRET: "from-env" });
    expect(config.encryptionKey!.toString("hex")).toBe(key);
    expect(config.instagram.appSecret).toBe("from-env");
  });

  it("are not made outside demo mode", () => {
    const dataDir = freshDataDir();
    const config = loadConfig({ DEMO: "false", DATA_DIR: dataDir });
    expect(config.encryptionKey).toBeUndefined();
    expect(() => statSync(join(dataDir, "demo-secrets.json"))).toThrow(/ENOENT/);
  });
});
