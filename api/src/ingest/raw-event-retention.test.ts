import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { inboundEvents, messages } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { connectDeliveryAccount, instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { createLogger } from "../lib/logger.ts";
import { queryRows } from "../db/client.ts";
import { loadConfig } from "../config.ts";
import { createHousekeepingWorker } from "../housekeeping/housekeeping-worker.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await connectDeliveryAccount(t);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function deliver(): Promise<{ eventId: number; commentId: string }> {
  const { body, commentId } = instagramCommentDelivery();
  const res = await t.app.request("/webhooks/instagram", signedInstagramPost(body));
  expect(res.status).toBe(200);
  return { eventId: ((await res.json()) as { eventId: number }).eventId, commentId };
}
const ageBy = (ids: number[], days: number, column: "processed_at" | "received_at") =>
  t.database.db.execute(sql`update inbound_events set ${sql.raw(column)} = now() - ${days}::int * interval '1 day' where id in ${ids}`);

describe("raw event retention", () => {
  it("reads RAW_EVENT_RETENTION_DAYS, 30 by default", () => {
    expect(loadConfig({}).rawEventRetentionDays).toBe(30);
    expect(loadConfig({ RAW_EVENT_RETENTION_DAYS: "7" }).rawEventRetentionDays).toBe(7);
    expect(() => loadConfig({ RAW_EVENT_RETENTION_DAYS: "0" })).toThrow(/RAW_EVENT_RETENTION_DAYS/);
  });

  it("deletes processed raw events past the retention, keeps their messages, and never prunes unprocessed ones", async () => {
    const old = await deliver();
    const recent = await deliver();
    await t.ingest.drain();
    await ageBy([old.eventId], 31, "processed_at");
    await ageBy([recent.eventId], 29, "processed_at");
    // Never processed, however old: a pending event and one ingestion gave up on.
    const pending = await deliver();
    const failed = await deliver();
    await t.database.db.update(inboundEvents).set({ status: "failed", lastError: "database error 22008" }).where(eq(inboundEvents.id, failed.eventId));
    await ageBy([pending.eventId, failed.eventId], 90, "received_at");

    const housekeeping = createHousekeepingWorker({ db: t.database.db, logger: createLogger("silent"), rawEventRetentionDays: 30 });
    expect(await housekeeping.runOnce()).toMatchObject({ rawEvents: 1 });

    const left = await t.database.db
      .select({ id: inboundEvents.id })
      .from(inboundEvents)
      .where(inArray(inboundEvents.id, [old.eventId, recent.eventId, pending.eventId, failed.eventId]));
    expect(left.map((e) => e.id).sort((a, b) => a - b)).toEqual([recent.eventId, pending.eventId, failed.eventId]);
    const [message] = await t.database.db.select().from(messages).where(eq(messages.externalId, old.commentId));
    expect(message).toMatchObject({ inboundEventId: null, text: expect.any(String) });
    // Nothing more to do on the next pass.
    expect(await housekeeping.runOnce()).toMatchObject({ rawEvents: 0 });
  });

  it("runs the database's own vacuum every few hours, after its deletes: PGlite's, which has no autovacuum", async () => {
    const logger = createLogger("silent");
    const notYet = createHousekeepingWorker({ db: t.database.db, logger, rawEventRetentionDays: 30, vacuum: () => t.database.vacuum(), vacuumEveryMs: 3_600_000 });
    expect(await notYet.runOnce()).toMatchObject({ vacuumed: false });
    const due = createHousekeepingWorker({ db: t.database.db, logger, rawEventRetentionDays: 30, vacuum: () => t.database.vacuum(), vacuumEveryMs: 0 });
    expect(await due.runOnce()).toMatchObject({ vacuumed: true });
    if (t.database.driver === "pglite") {
      const [stats] = await queryRows<{ vacuumed: boolean }>(t.database.db, sql`select last_vacuum is not null as vacuumed from pg_stat_user_tables where relname = 'inbound_events'`);
      expect(stats?.vacuumed).toBe(true);
    }
    // The database answers as before.
    expect(await t.database.db.select({ id: inboundEvents.id }).from(inboundEvents).limit(1)).toHaveLength(1);
  });
});
