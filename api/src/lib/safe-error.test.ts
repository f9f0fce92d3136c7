import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { sql } from "drizzle-orm";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";
import type { DatabaseHandle } from "../db/client.ts";
import { inboundEvents } from "../db/schema/index.ts";
import { describeError, isTransientError, SafeError } from "./safe-error.ts";

const MARKER = "MARKER-9182-customer-text";

describe("describeError", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("describes a failed insert by its SQLSTATE, without the query's parameters", async () => {
    await handle.db.execute(sql`alter table inbound_events add constraint no_marker check (body not like '%MARKER%')`);
    const error = await handle.db
      .insert(inboundEvents)
      .values({ platform: "instagram", source: "webhook", format: "instagram.webhook", body: `where is my order ${MARKER}` })
      .then(
        () => null,
        (e: unknown) => e,
      );
    // What drizzle itself says names the parameters; what we store and log does not.
    expect(String(error)).toContain(MARKER);
    expect(describeError(error)).toBe("database error 23514 check_violation (table inbound_events, constraint no_marker)");
    expect(isTransientError(error)).toBe(false);
  });

  it("describes a value the database cannot read without quoting it", async () => {
    const error = await handle.db.execute(sql`select ${MARKER}::bigint`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(describeError(error)).toBe("database error 22P02 invalid_text_representation");
  });

  it("describes parse and schema errors by where they are, not by the input they quote", () => {
    let parseError: unknown;
    try {
      JSON.parse(`{"text": ${MARKER}}`);
    } catch (error) {
      parseError = error;
    }
    expect(String(parseError)).toContain("MARKER");
    expect(describeError(parseError)).toBe("SyntaxError (details withheld: they may quote the input)");

    const zodError = z.object({ entry: z.array(z.string()) }).safeParse({ entry: [MARKER, 1] }).error;
    expect(describeError(zodError)).toBe("unexpected shape: entry.1: invalid_type");
    expect(describeError(new SafeError("no connector reads this format"))).toBe("no connector reads this format");
  });

  it("tells transient failures (connection, timeout, deadlock) from permanent ones", () => {
    const pgError = (code: string) => Object.assign(new Error(`boom ${MARKER}`), { code, severity: "ERROR" });
    expect(isTransientError(pgError("40P01"))).toBe(true);
    expect(isTransientError(pgError("57014"))).toBe(true);
    expect(isTransientError(pgError("08006"))).toBe(true);
    expect(isTransientError(pgError("22008"))).toBe(false);
    expect(isTransientError(pgError("23505"))).toBe(false);
    expect(isTransientError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isTransientError(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isTransientError(new TypeError("x is undefined"))).toBe(false);
    // Wrapped the way drizzle wraps a driver's error.
    const wrapped = new Error(`Failed query: insert … params: ${MARKER}`, { cause: pgError("53300") });
    expect(isTransientError(wrapped)).toBe(true);
    expect(describeError(wrapped)).toBe("database error 53300 too_many_connections");
  });
});
