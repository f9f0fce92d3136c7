import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";
import { queryRows, type DatabaseHandle } from "./client.ts";
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
