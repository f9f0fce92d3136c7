import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import type { DbDriver } from "@surgedesk/shared";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath. Code above this file never asks which. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** Runs raw SQL and returns its rows; both drivers answer with a `rows` array. */
export async function queryRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

export interface DatabaseHandle {
  db: Database;
  driver: DbDriver;
  /** The PostgreSQL connection string (absent on PGlite): live events LISTEN on a connection of their own. */
  url?: string | undefined;
  /** Applies the committed drizzle-kit migrations; safe to call on every start. */
  migrate(): Promise<void>;
  /** PGlite only: the data directory as a tarball, to open copies from (see `pgliteDump`). */
  dump?: () => Promise<Blob>;
  /**
   * What autovacuum does on a PostgreSQL server: reclaims the rows updates and deletes leave
   * behind and refreshes the planner's statistics. PGlite runs no background workers, so without
   * this its tables and indexes only grow; on PostgreSQL it does nothing (autovacuum's job).
   */
  vacuum(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "migrations");

export interface OpenDatabaseOptions {
  /** postgres://… for a PostgreSQL server. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; ignored with databaseUrl. Omit both for an in-memory PGlite. */
  dataDir?: string | undefined;
  /** In-memory PGlite only: a dumped data directory to start from instead of an empty one (tests start from a migrated copy). */
  pgliteDump?: Blob | undefined;
  /** PostgreSQL: how long to wait for a connection (ms); unset waits as long as the driver does. */
  connectTimeoutMs?: number | undefined;
  /** PostgreSQL: the longest a statement may run (ms, the server's `statement_timeout`); 0 or unset for no limit. */
  statementTimeoutMs?: number | undefined;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options.dataDir, options.pgliteDump);
}

async function openPostgres(url: string, { connectTimeoutMs, statementTimeoutMs }: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // No JIT: the ingest's batch statements (unnest over 2,000 rows) pass the planner's JIT cost
    // threshold and spent ~90% of their time compiling (480 of 530 ms, seen with auto_explain);
    // this is short OLTP work that never repays compilation.
    options: "-c jit=off",
    // Bounded waits: while the server is unreachable or stuck, a request or a worker gets an
    // error it can answer (503, retry with backoff) instead of hanging on the pool.
    ...(connectTimeoutMs ? { connectionTimeoutMillis: connectTimeoutMs } : {}),
    ...(statementTimeoutMs
      ? // The server cancels a long statement; the client gives up a little later on a silent network.
        { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + 5_000 }
      : {}),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", (err) => console.error("[db] idle client error:", err.message));
  const db = drizzlePg({ client: pool, schema, casing: "snake_case" });
  await pool.query("select 1");
  return {
    db,
    driver: "postgres",
    url,
    migrate: () => migratePg(db, { migrationsFolder }),
    vacuum: async () => undefined,
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string | undefined, dump: Blob | undefined): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(dataDir) : new PGlite(dump ? { loadDataDir: dump } : {});
  await client.waitReady;
  const db = drizzlePglite({ client, schema, casing: "snake_case" });
  return {
    db,
    driver: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder }),
    vacuum: async () => {
      await client.exec("vacuum (analyze)");
    },
    dump: () => client.dumpDataDir("none"),
    close: () => client.close(),
  };
}
