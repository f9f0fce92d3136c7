import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { databaseUrlFromEnv } from "@surgedesk/api/config.ts";
import { openDatabase } from "@surgedesk/api/db/client.ts";
import { databaseUrlNamed, withAdminClient } from "./postgres-admin.ts";
import type { MigratedTemplate } from "./test-database.ts";

/**
 * Vitest global setup: run the migrations once per test run and let every test copy the result
 * (`CREATE DATABASE … TEMPLATE` on PostgreSQL, a loaded data directory on PGlite). Booting and
 * migrating an empty PGlite takes seconds; hundreds of test databases did it once each.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const databaseUrl = databaseUrlFromEnv();
  if (databaseUrl) {
    const database = `surgedesk_template_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
    await withAdminClient(databaseUrl, (admin) => admin.query(`CREATE DATABASE ${database}`));
    const handle = await openDatabase({ databaseUrl: databaseUrlNamed(databaseUrl, database) });
    await handle.migrate();
    await handle.close();
    project.provide("migratedTemplate", { driver: "postgres", database } satisfies MigratedTemplate);
    return () => withAdminClient(databaseUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).then(() => undefined);
  }
  const handle = await openDatabase({});
  await handle.migrate();
  const dump = await handle.dump!();
  await handle.close();
  const folder = mkdtempSync(join(tmpdir(), "surgedesk-template-"));
  const dumpPath = join(folder, "migrated.tar");
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide("migratedTemplate", { driver: "pglite", dumpPath });
  return async () => rmSync(folder, { recursive: true, force: true });
}
