import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../api/src/lib/repo-paths.ts";
import { startBuiltServer } from "./support/built-server.ts";
import { isPostgresPass } from "./support/postgres-pass.ts";

/** The test rig, as module URLs (packages resolve to their real paths, under node_modules/.pnpm). */
const TEST_RIG = { devkit: /\/devkit\//, msw: /\/node_modules\/msw\//, tsx: /\/node_modules\/tsx\// };
const fromTestRig = (url: string) => Object.values(TEST_RIG).some((pattern) => pattern.test(url));

/**
 * The production build (`pnpm build`) run with plain Node, as the Dockerfile runs it: it answers
 * and, outside demo mode, never loads the devkit, msw or tsx, nor any TypeScript source.
 */
// PGlite whatever DATABASE_URL says: run once, in the PGlite pass.
describe.skipIf(isPostgresPass)("the built API", () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(repoRoot, "api/scripts/build.mjs")], { stdio: "inherit" });
  }, 600_000);

  it("starts in production with demo mode off, answers /health, and loads nothing of the test rig", async () => {
    const server = await startBuiltServer({ NODE_ENV: "production" });
    try {
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, db: "pglite" });

      const loaded = server.loadedModules();
      expect(loaded).toContain(`file://${join(repoRoot, "api/dist/server.js")}`);
      expect(loaded.filter(fromTestRig)).toEqual([]);
      expect(loaded.filter((url) => url.endsWith(".ts"))).toEqual([]);
      expect(server.log()).toContain('"demo":false');
    } finally {
      await server.stop();
    }
  }, 180_000);

  it("in demo mode (what `npm start` runs), loads the devkit on demand and delivers the demo", async () => {
    const server = await startBuiltServer({ DEMO: "true", DEMO_SURGE: "false" });
    try {
      await expect.poll(() => server.log(), { timeout: 120_000, interval: 500 }).toMatch(/"message":"demo data delivered[^\n]*"delivered":[1-9]/);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      const loaded = server.loadedModules();
      expect(loaded.some((url) => url.endsWith("/devkit/src/demo/start-demo.ts"))).toBe(true);
      for (const pattern of Object.values(TEST_RIG)) expect(loaded.some((url) => pattern.test(url)), String(pattern)).toBe(true);
    } finally {
      await server.stop();
    }
  }, 180_000);
});
