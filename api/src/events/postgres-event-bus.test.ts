import pg from "pg";
import { describe, expect, it } from "vitest";
import { createLogger } from "../lib/logger.ts";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";
import type { BusEvent } from "./event-bus.ts";
import { createPostgresEventBus } from "./postgres-event-bus.ts";

/** Two processes on one PostgreSQL, played by two buses: each hears the other's events, once. */
describe.skipIf(!process.env.DATABASE_URL)("the PostgreSQL event bus", () => {
  it("carries events between processes through LISTEN/NOTIFY, long id lists included", async () => {
    const database = await createTestDatabase();
    const logger = createLogger("silent");
    const a = createPostgresEventBus(database.url!, logger);
    const b = createPostgresEventBus(database.url!, logger);
    try {
      const heardByB: BusEvent[] = [];
      const heardByA: BusEvent[] = [];
      b.subscribe((event) => heardByB.push(event));
      a.subscribe((event) => heardByA.push(event));
      await Promise.all([a.ready, b.ready]);
      const ids = Array.from({ length: 400 }, (_, i) => `msg_${String(i).padStart(20, "0")}`);
      a.publish({ type: "messages", workspaceId: "ws_1", change: "created", ids });
      await expect.poll(() => heardByB.flatMap((e) => (e.type === "messages" ? e.ids : [])).length, { timeout: 5_000 }).toBe(400);
      expect(heardByB.flatMap((e) => (e.type === "messages" ? e.ids : []))).toEqual(ids);
      // The publisher hears its own event once, at once, not again through the database.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heardByA).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
      await database.close();
    }
  });

  it("sends a burst one query at a time, in order (no queries stacked on the connection)", async () => {
    const database = await createTestDatabase();
    const logger = createLogger("silent");
    // Count the notify queries each connection has in flight at once.
    const original = pg.Client.prototype.query;
    const inFlight = new WeakMap<object, number>();
    let most = 0;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const result = (original as (...a: unknown[]) => unknown).apply(this, args);
      if (typeof args[0] === "string" && args[0].includes("pg_notify") && result instanceof Promise) {
        const now = (inFlight.get(this) ?? 0) + 1;
        inFlight.set(this, now);
        most = Math.max(most, now);
        const done = () => inFlight.set(this, (inFlight.get(this) ?? 1) - 1);
        result.then(done, done);
      }
      return result;
    } as typeof original;
    const a = createPostgresEventBus(database.url!, logger);
    const b = createPostgresEventBus(database.url!, logger);
    try {
      const heard: string[] = [];
      b.subscribe((event) => {
        if (event.type === "messages") heard.push(...event.ids);
      });
      await Promise.all([a.ready, b.ready]);
      const ids = Array.from({ length: 200 }, (_, i) => `msg_${i}`);
      for (const id of ids) a.publish({ type: "messages", workspaceId: "ws_1", change: "updated", ids: [id] });
      await expect.poll(() => heard.length, { timeout: 10_000 }).toBe(200);
      expect(heard).toEqual(ids);
      expect(most).toBe(1);
    } finally {
      pg.Client.prototype.query = original;
      await a.close();
      await b.close();
      await database.close();
    }
  });
});
