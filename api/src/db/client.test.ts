import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";
import { openDatabase, queryRows, type DatabaseHandle } from "./client.ts";
import { loadConfig } from "../config.ts";
import { describeError, isTransientError } from "../lib/safe-error.ts";
import { workspaces } from "./schema/index.ts";

describe("database", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("applies every migration and creates the core tables", async () => {
    const rows = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        "api_tokens",
        "audit_events",
        "connected_accounts",
        "contacts",
        "inbound_events",
        "label_corrections",
        "messages",
        "posts",
        "sessions",
        "sync_cursors",
        "users",
        "workspaces",
      ]),
    );
  });

  it("is idempotent to migrate again on start", async () => {
    await handle.migrate();
    await handle.db.insert(workspaces).values({ id: "ws_migrate_twice", name: "Twice" });
    const rows = await handle.db.select().from(workspaces).where(sql`${workspaces.id} = 'ws_migrate_twice'`);
    expect(rows).toHaveLength(1);
  });
});

const { databaseUrl } = loadConfig();

describe.skipIf(!databaseUrl)("PostgreSQL pool timeouts", () => {
  it("cancels a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS, with an error a worker retries", async () => {
    const handle = await openDatabase({ databaseUrl, connectTimeoutMs: 5_000, statementTimeoutMs: 200 });
    try {
      const failure = await handle.db.execute(sql`select pg_sleep(5)`).then(
        () => null,
        (error: unknown) => error,
      );
      expect(describeError(failure)).toContain("57014 query_canceled");
      expect(isTransientError(failure)).toBe(true);
      // The pool is still usable afterwards.
      expect(await queryRows<{ one: number }>(handle.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
    } finally {
      await handle.close();
    }
  }, 30_000);
});

describe("database timeouts configuration", () => {
  it("defaults to a 10 s connection wait and a 60 s statement timeout, and validates them", () => {
    expect(loadConfig({}).database).toEqual({ connectTimeoutMs: 10_000, statementTimeoutMs: 60_000 });
    expect(loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: "0" }).database.statementTimeoutMs).toBe(0);
    expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: "soon" })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS/);
  });
});
