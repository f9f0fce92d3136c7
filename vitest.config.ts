import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{shared,api,devkit,web}/src/**/*.test.{ts,tsx}", "test/**/*.test.ts"],
    environment: "node",
    setupFiles: ["test/support/fast-check-seed.ts"],
    // Migrations run once per run; each test database is a copy of the migrated template.
    globalSetup: ["devkit/src/testing/database-template.ts"],
    // PGlite takes seconds to boot (WASM); database-backed tests share one instance per file.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
