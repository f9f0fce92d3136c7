import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../api/src/lib/repo-paths.ts";
import { startSourceServer } from "./support/source-server.ts";
import { isPostgresPass } from "./support/postgres-pass.ts";

/** Demo mode pointed at a real deployment's data: the process refuses, exit 1, and says why. */
// PGlite whatever DATABASE_URL says: run once, in the PGlite pass.
describe.skipIf(isPostgresPass)("demo mode on a real deployment's database", () => {
  const dir = mkdtempSync(join(tmpdir(), "surgedesk-demo-refusal-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const dataDir = join(dir, "data");

  it("exits 1 with a message naming the way out, and the deployment starts again as it was", async () => {
    const real = { DATA_DIR: dataDir, DEMO: "false", WORKSPACE_NAME: "Real brand", ADMIN_EMAIL: "ops@brand.test", ADMIN_PASSWORD: "a-long-admin-password" };
    const deployment = await startSourceServer(real);
    deployment.child.kill("SIGTERM");
    expect(await deployment.exited).toBe(0);

    const demo = spawnSync(process.execPath, ["--import", "tsx", join(repoRoot, "api/src/server.ts")], {
      cwd: join(repoRoot, "api"),
      env: { PATH: process.env.PATH, PORT: "0", DATA_DIR: dataDir, DEMO: "true", LOG_LEVEL: "warn" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(demo.status).toBe(1);
    expect(demo.stderr).toMatch(/Demo mode refuses to start: .*"Real brand".*Set DEMO=false/s);
    expect(demo.stdout).not.toMatch(/running at/);

    const again = await startSourceServer(real);
    const login = await fetch(`${again.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@demo.surgedesk.test", password: "surgedesk-demo" }),
    });
    expect(login.status).toBe(401);
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
  }, 240_000);
});
