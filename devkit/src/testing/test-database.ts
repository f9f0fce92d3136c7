import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { databaseUrlFromEnv } from "@surgedesk/api/config.ts";
import { openDatabase, type DatabaseHandle } from "@surgedesk/api/db/client.ts";
import { databaseUrlNamed, withAdminClient } from "./postgres-admin.ts";

/**
 * A migrated database of the test's own: with DATABASE_URL set (CI), a freshly created
 * PostgreSQL database dropped on close, so concurrent runs never collide; otherwise an
 * in-memory PGlite. Both start as a copy of the run's migrated template (database-template.ts)
 * and still run `migrate()`, which finds nothing left to apply.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const template = migratedTemplate();
  const databaseUrl = databaseUrlFromEnv();
  if (!databaseUrl) {
    const handle = await openDatabase({ pgliteDump: template?.driver === "pglite" ? pgliteDump(template.dumpPath) : undefined });
    await handle.migrate();
    return handle;
  }
  const name = `surgedesk_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const copyOf = template?.driver === "postgres" ? ` TEMPLATE ${template.database}` : "";
  await withAdminClient(databaseUrl, (admin) => admin.query(`CREATE DATABASE ${name}${copyOf}`));
  const handle = await openDatabase({ databaseUrl: databaseUrlNamed(databaseUrl, name) });
  await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await withAdminClient(databaseUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A migrated database to copy (database-template.ts): a PostgreSQL database, or a PGlite data-directory tarball. */
export type MigratedTemplate = { driver: "postgres"; database: string } | { driver: "pglite"; dumpPath: string };

declare module "vitest" {
  export interface ProvidedContext {
    migratedTemplate: MigratedTemplate | null;
  }
}

/** The run's template; none for scripts (evaluations, benchmarks) that call this outside Vitest, where `inject` throws. */
function migratedTemplate(): MigratedTemplate | null {
  try {
    return inject("migratedTemplate") ?? null;
  } catch {
    return null;
  }
}

let cachedDump: { path: string; blob: Blob } | undefined;

function pgliteDump(path: string): Blob {
  if (cachedDump?.path !== path) cachedDump = { path, blob: new Blob([readFileSync(path)]) };
  return cachedDump.blob;
}
