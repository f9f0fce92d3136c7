import { randomBytes } from "node:crypto";
import pg from "pg";
import { databaseUrlFromEnv } from "@surgedesk/api/config.ts";
import { openDatabase, type DatabaseHandle } from "@surgedesk/api/db/client.ts";

/**
 * A migrated database of the test's own: with DATABASE_URL set (CI), a freshly created
 * PostgreSQL database dropped on close, so concurrent runs never collide; otherwise an
 * in-memory PGlite. Both run the same committed migrations.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const databaseUrl = databaseUrlFromEnv();
  if (!databaseUrl) {
    const handle = await openDatabase({});
    await handle.migrate();
    return handle;
  }
  const name = `surgedesk_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withAdminClient(databaseUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await withAdminClient(databaseUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdminClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
