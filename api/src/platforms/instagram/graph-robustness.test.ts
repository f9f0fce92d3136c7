import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, HttpResponse } from "msw";
import type { SetupServer } from "msw/node";
import fc from "fast-check";
import { and, eq } from "drizzle-orm";
import { connectedAccounts, inboundEvents, syncCursors } from "../../db/schema/index.ts";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedAccount } from "@surgedesk/devkit/emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { createLogger } from "../../lib/logger.ts";
import { createSyncScheduler } from "../../sync/sync-scheduler.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";

/**
 * Whatever Graph answers, the poller either records a failure on the cursor or stores a page
 * that ingests cleanly: it never crashes the scheduler, and no stored page fails ingestion.
 */
let t: TestApp;
let server: SetupServer;
beforeAll(async () => {
  t = await createTestApp();
  server = startEmulatorServer([]);
});
afterAll(async () => {
  server?.close();
  await t?.close();
});

const text = fc.string({ unit: "binary", maxLength: 80 });
const id = fc.oneof(fc.stringMatching(/^\d{1,20}$/), text, fc.nat());
const comment = fc.record(
  {
    id,
    text,
    timestamp: fc.oneof(text, fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace(/\.\d{3}Z$/, "+0000"))),
    username: text,
    from: fc.record({ id, username: text }, { requiredKeys: [] }),
    like_count: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.constant(2 ** 40)),
    parent_id: id,
    hidden: fc.jsonValue(),
    replies: fc.record({ data: fc.array(fc.jsonValue(), { maxLength: 3 }), paging: fc.jsonValue() }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
const page = fc.record(
  {
    data: fc.array(fc.oneof(comment, fc.jsonValue()), { maxLength: 6 }),
    paging: fc.oneof(fc.jsonValue(), fc.record({ cursors: fc.record({ after: text, before: text }), next: text }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);
const answer = fc.oneof(
  fc.record({ status: fc.constant(200), body: fc.oneof(page, fc.jsonValue()) }),
  fc.record({
    status: fc.integer({ min: 200, max: 599 }),
    body: fc.oneof(fc.jsonValue(), fc.record({ error: fc.record({ message: text, code: fc.oneof(fc.integer(), text), error_subcode: fc.jsonValue(), fbtrace_id: text }, { requiredKeys: [] }) })),
  }),
);

describe("the Instagram comments poller under arbitrary Graph answers", () => {
  it("records a failure or stores a page that ingests, never a crash", { timeout: 120_000 }, async () => {
    const world = new InstagramWorld();
    server.use(...instagramGraphHandlers(world));
    const brand = world.addAccount();
    const media = world.addMedia(brand.id);
    const account = await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, brand);
    const sync = createSyncScheduler({ db: t.database.db, config: t.config, logger: createLogger("silent"), notifyIngest: () => {} });
    await sync.drain({ maxPolls: 1 });
    const cursorOf = and(eq(syncCursors.accountId, account.id), eq(syncCursors.resourceId, media.id));

    await fc.assert(
      fc.asyncProperty(answer, async ({ status, body }) => {
        server.use(http.get("https://graph.instagram.com/:version/:node/comments", () => HttpResponse.json(body as never, { status })));
        await t.database.db.update(syncCursors).set({ nextPollAt: new Date(0), pageCursor: null, state: {} }).where(cursorOf);
        await t.database.db.update(connectedAccounts).set({ status: "active", throttledUntil: null }).where(eq(connectedAccounts.id, account.id));

        await expect(sync.runDue()).resolves.toBeGreaterThan(0);
        const [cursor] = await t.database.db.select().from(syncCursors).where(cursorOf);
        // Polled: either it moved on, or it says why not.
        expect(cursor!.lastPolledAt !== null || cursor!.lastError !== null).toBe(true);
        await t.ingest.drain();
      }),
      { numRuns: 150 },
    );
    const failed = await t.database.db
      .select({ error: inboundEvents.lastError })
      .from(inboundEvents)
      .where(and(eq(inboundEvents.accountId, account.id), eq(inboundEvents.status, "failed")));
    expect(failed).toEqual([]);
  });
});
