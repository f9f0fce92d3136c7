import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./db/client.ts";
import { loadConfig, ConfigError } from "./config.ts";
import { workspaces } from "./db/schema/index.ts";
import { demoModeWarning } from "./demo-mode.ts";
import { startSurgedesk } from "./start-surgedesk.ts";
import { ensureWorkspace } from "./workspaces/ensure-workspace.ts";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("the warning demo mode prints at start", () => {
  it("names the demo logins and their password, and says it is reachable from this machine only", () => {
    const warning = demoModeWarning({ host: "127.0.0.1" });
    for (const email of ["admin@demo.surgedesk.test", "agent@demo.surgedesk.test", "viewer@demo.surgedesk.test"]) expect(warning).toContain(email);
    expect(warning).toContain("surgedesk-demo");
    expect(warning).toMatch(/127\.0\.0\.1: reachable from this machine only/);
  });

  it("says otherwise when HOST opened it to the network", () => {
    expect(demoModeWarning({ host: "0.0.0.0" })).toMatch(/reachable from other machines/);
    expect(demoModeWarning({ host: "0.0.0.0" })).not.toMatch(/this machine only/);
  });
});

describe("demo mode on a database that holds a real workspace", () => {
  const dir = mkdtempSync(join(tmpdir(), "surgedesk-demo-refusal-"));
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
    await ensureWorkspace(database.db, "Real brand");
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses to start, naming the workspace and the way out, and leaves the workspace alone", async () => {
    const config = loadConfig({ DEMO: "true", PORT: "0", LOG_LEVEL: "silent", DATA_DIR: join(dir, "data") });
    const start = startSurgedesk(config, { database });
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow(/Demo mode refuses to start: .*"Real brand".*DEMO=false/);
    const names = (await database.db.select({ name: workspaces.name, demo: workspaces.demo }).from(workspaces)).map((w) => w.name);
    expect(names).toEqual(["Real brand"]);
  }, 120_000);
});
