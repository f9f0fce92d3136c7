import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";
import type { DatabaseHandle } from "../db/client.ts";
import { inboundEvents } from "../db/schema/index.ts";
import { createInboundEventWriter } from "./inbound-event-writer.ts";

describe("inbound event writer (group commit)", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("writes concurrent events in batches and gives each request its own row", async () => {
    const writer = createInboundEventWriter(handle.db, { maxBatch: 64 });
    const bodies = Array.from({ length: 300 }, (_, i) => `{"object":"instagram","n":${i},"text":"it's \\"quoted\\" ${i}"}`);
    const ids = await Promise.all(bodies.map((body) => writer.write({ format: "instagram.webhook", source: "webhook", body })));
    expect(new Set(ids).size).toBe(300);
    const rows = await handle.db.select().from(inboundEvents).where(inArray(inboundEvents.id, ids));
    const bodyById = new Map(rows.map((r) => [r.id, r.body]));
    ids.forEach((id, i) => expect(bodyById.get(id)).toBe(bodies[i]));
    expect(rows.every((r) => r.status === "pending" && r.platform === "instagram")).toBe(true);
  });

  it("refuses with 503 beyond its bound instead of queueing without limit", async () => {
    const writer = createInboundEventWriter(handle.db, { maxQueued: 10 });
    const results = await Promise.allSettled(
      Array.from({ length: 15 }, (_, i) => writer.write({ format: "instagram.webhook", source: "webhook", body: `{"n":${i}}` })),
    );
    const refused = results.filter((r) => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    expect(refused).toHaveLength(5);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: "unavailable", status: 503 });
  });

  it("rejects every request of a batch that could not be written, and recovers", async () => {
    const writer = createInboundEventWriter(handle.db);
    await expect(
      writer.write({ format: "instagram.webhook", source: "webhook", body: "ok", accountId: null }),
    ).resolves.toBeGreaterThan(0);
    // An unknown format never reaches the database: it is refused before the insert.
    await expect(writer.write({ format: "nope" as "instagram.webhook", source: "webhook", body: "x" })).rejects.toThrow();
    await expect(writer.write({ format: "instagram.webhook", source: "webhook", body: "after" })).resolves.toBeGreaterThan(0);
  });
});
