import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";
import type { DatabaseHandle } from "../db/client.ts";
import { inboundEvents, webhookReplayClaims } from "../db/schema/index.ts";
import { createInboundEventWriter } from "./inbound-event-writer.ts";
import { pruneReplayClaims } from "./prune-replay-claims.ts";

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
    const ids = await Promise.all(bodies.map(async (body) => (await writer.write({ format: "instagram.webhook", source: "webhook", body })).eventId!));
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

  it("refuses with 503 and Retry-After while the oldest unprocessed delivery is older than the allowed lag, and takes deliveries again once it is not", async () => {
    // The oldest delivery waiting is read as the first in id order (ids follow arrival): earlier
    // tests' deliveries count as processed here, so this one, two hours old, is that first.
    await handle.db.update(inboundEvents).set({ status: "processed" }).where(eq(inboundEvents.status, "pending"));
    const [stale] = await handle.db
      .insert(inboundEvents)
      .values({ platform: "instagram", format: "instagram.webhook", source: "webhook", body: "{}", receivedAt: sql`now() - interval '2 hours'` })
      .returning({ id: inboundEvents.id });
    const writer = createInboundEventWriter(handle.db, { maxLagMs: 60 * 60_000 });
    const write = () => writer.write({ format: "instagram.webhook", source: "webhook", body: `{"lag":${Math.random()}}` });
    // The gate reads the database in the background: the first deliveries may pass before it knows.
    await expect.poll(async () => (await write().then(() => null, (error: unknown) => error)) as unknown, { timeout: 10_000 }).toMatchObject({
      code: "unavailable",
      status: 503,
      retryAfterSeconds: expect.any(Number),
    });
    // Once it is processed (or waits for a retry, on purpose), deliveries are taken again.
    await handle.db.update(inboundEvents).set({ attempts: 1 }).where(eq(inboundEvents.id, stale!.id));
    await expect.poll(async () => (await write().then((accepted) => accepted.repeat, () => "refused")) as unknown, { timeout: 10_000 }).toBe(false);
  });

  it("rejects every request of a batch that could not be written, and recovers", async () => {
    const writer = createInboundEventWriter(handle.db);
    await expect(
      writer.write({ format: "instagram.webhook", source: "webhook", body: "ok", accountId: null }),
    ).resolves.toMatchObject({ repeat: false, eventId: expect.any(Number) });
    // An unknown format never reaches the database: it is refused before the insert.
    await expect(writer.write({ format: "nope" as "instagram.webhook", source: "webhook", body: "x" })).rejects.toThrow();
    await expect(writer.write({ format: "instagram.webhook", source: "webhook", body: "after" })).resolves.toMatchObject({ repeat: false });
  });

  const signed = (replayKey: string, body = `{"key":"${replayKey}"}`) => ({ format: "instagram.webhook", source: "webhook" as const, body, replayKey });
  const eventsWithBody = async (body: string) => (await handle.db.select().from(inboundEvents).where(eq(inboundEvents.body, body))).length;

  it("stores a signed delivery once, whichever process gets its repeats, in one batch or later", async () => {
    // Two writers stand for two processes sharing the database.
    const [first, second] = [createInboundEventWriter(handle.db), createInboundEventWriter(handle.db)];
    const delivery = signed("key-shared-by-processes");
    const outcomes = await Promise.all([first.write(delivery), first.write(delivery), second.write(delivery)]);
    expect(outcomes.filter((o) => !o.repeat)).toHaveLength(1);
    expect(outcomes.filter((o) => o.repeat)).toEqual([{ repeat: true, eventId: null }, { repeat: true, eventId: null }]);
    await expect(second.write(delivery)).resolves.toEqual({ repeat: true, eventId: null });
    expect(await eventsWithBody(delivery.body)).toBe(1);
    // Unsigned events (polls) are never taken for repeats.
    const poll = { format: "instagram.webhook", source: "poll" as const, body: '{"poll":1}' };
    await first.write(poll);
    await first.write(poll);
    expect(await eventsWithBody(poll.body)).toBe(2);
  });

  it("stores a delivery again once its claim has expired, pruned or not", async () => {
    const writer = createInboundEventWriter(handle.db, { replayWindowMs: 60_000 });
    const delivery = signed("key-that-expires");
    expect(await writer.write(delivery)).toMatchObject({ repeat: false });
    await handle.db.update(webhookReplayClaims).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(webhookReplayClaims.key, delivery.replayKey));
    expect(await writer.write(delivery)).toMatchObject({ repeat: false });
    expect(await writer.write(delivery)).toMatchObject({ repeat: true });
    expect(await eventsWithBody(delivery.body)).toBe(2);
  });
});

describe("pruning replay claims", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("deletes expired claims in batches and keeps live ones", async () => {
    await handle.db.insert(webhookReplayClaims).values([
      ...Array.from({ length: 25 }, (_, i) => ({ key: `old-${i}`, expiresAt: new Date(Date.now() - 60_000) })),
      { key: "live", expiresAt: new Date(Date.now() + 10 * 60_000) },
    ]);
    expect(await pruneReplayClaims(handle.db, { batch: 10 })).toBe(25);
    expect((await handle.db.select().from(webhookReplayClaims)).map((c) => c.key)).toEqual(["live"]);
  });
});

describe("the accept queue's bound in bytes", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("refuses with 503 and Retry-After once the waiting bodies pass the byte bound, and accepts again once written", async () => {
    const writer = createInboundEventWriter(handle.db, { maxQueuedBytes: 10_000 });
    const body = (i: number) => JSON.stringify({ n: i, pad: "x".repeat(3_000) });
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => writer.write({ format: "instagram.webhook", source: "webhook", body: body(i) })));
    // Three bodies of ~3 kB fit in 10 kB; the other three are refused.
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(3);
    expect(refused[0]!.reason).toMatchObject({ code: "unavailable", status: 503, retryAfterSeconds: 5 });
    await expect(writer.write({ format: "instagram.webhook", source: "webhook", body: body(7) })).resolves.toMatchObject({ repeat: false });
  });
});
