import { sameClassifierForAll } from "../api/src/ingest/message-classifier.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "../api/src/db/client.ts";
import { inboundEvents, messages } from "../api/src/db/schema/index.ts";
import { createIngestWorker } from "../api/src/ingest/worker.ts";
import { createLogger } from "../api/src/lib/logger.ts";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";
import { instagramCommentDelivery } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { testClassifier } from "@surgedesk/devkit/testing/test-classifier.ts";
import { ensureWorkspace } from "../api/src/workspaces/ensure-workspace.ts";

/**
 * How Surgedesk scales out: several processes share one PostgreSQL and drain the same backlog.
 * Each worker here has its own connection pool, as a separate process would.
 */
describe.skipIf(!process.env.DATABASE_URL)("two workers sharing one PostgreSQL", () => {
  let primary: DatabaseHandle;
  let second: DatabaseHandle;
  beforeAll(async () => {
    primary = await createTestDatabase();
    const url = await primary.db.execute(sql`select current_database() as name`);
    const name = (url as unknown as { rows: { name: string }[] }).rows[0]!.name;
    const secondUrl = new URL(process.env.DATABASE_URL!);
    secondUrl.pathname = `/${name}`;
    second = await openDatabase({ databaseUrl: secondUrl.toString() });
    await ensureWorkspace(primary.db, "Scale-out brand");
  });
  afterAll(async () => {
    await second?.close();
    await primary?.close();
  });

  it("process every event exactly once between them, none skipped, with two batches in flight in each", async () => {
    const deliveries = Array.from({ length: 3000 }, () => instagramCommentDelivery());
    // 10% of the deliveries arrive twice, as platforms redeliver.
    const bodies = [...deliveries.map((d) => d.body), ...deliveries.slice(0, 300).map((d) => d.body)];
    for (let i = 0; i < bodies.length; i += 500) {
      await primary.db.insert(inboundEvents).values(
        bodies.slice(i, i + 500).map((body) => ({ platform: "instagram" as const, format: "instagram.webhook", source: "webhook" as const, body })),
      );
    }
    const logger = createLogger("silent");
    const classifier = testClassifier();
    const a = createIngestWorker({ db: primary.db, logger, classifiers: sameClassifierForAll(classifier), batchSize: 100, concurrency: 2 });
    const b = createIngestWorker({ db: second.db, logger, classifiers: sameClassifierForAll(classifier), batchSize: 100, concurrency: 2 });
    const [handledByA, handledByB] = await Promise.all([a.drain(), b.drain()]);

    expect(handledByA + handledByB).toBe(bodies.length);
    expect(handledByA).toBeGreaterThan(0);
    expect(handledByB).toBeGreaterThan(0);
    const [events] = await primary.db
      .select({
        processed: sql<number>`count(*) filter (where ${inboundEvents.status} = 'processed')::int`,
        once: sql<number>`count(*) filter (where ${inboundEvents.attempts} = 1)::int`,
      })
      .from(inboundEvents);
    expect(events).toEqual({ processed: bodies.length, once: bodies.length });
    const [stored] = await primary.db.select({ n: count() }).from(messages).where(eq(messages.platform, "instagram"));
    expect(stored?.n).toBe(3000);
  });
});
