import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SetupServer } from "msw/node";
import { and, eq } from "drizzle-orm";
import { messages, syncCursors } from "../../db/schema/index.ts";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedAccount } from "@surgedesk/devkit/emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { commentWebhookBody, signedDelivery } from "@surgedesk/devkit/emulators/instagram/webhook-deliveries.ts";
import { createLogger } from "../../lib/logger.ts";
import { createSyncScheduler } from "../../sync/sync-scheduler.ts";
import { createTestApp, TEST_INSTAGRAM_SECRET, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";

/** Reconciliation: periodic passes gather what webhooks missed, without duplicating what they delivered. */
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
afterEach(() => server.resetHandlers());

const MINUTE = 60_000;

async function setup() {
  let clock = Date.now();
  const now = () => new Date(clock);
  const world = new InstagramWorld({ now });
  server.use(...instagramGraphHandlers(world));
  const brand = world.addAccount({ username: "glowbar" });
  const account = await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, brand);
  // Read after connecting: the account's first cursor is due from the database's "now".
  clock = Date.now();
  const sync = createSyncScheduler({ db: t.database.db, config: t.config, logger: createLogger("silent"), notifyIngest: () => {}, now });
  const stored = async () => {
    await t.ingest.drain();
    return t.database.db.select().from(messages).where(eq(messages.accountId, account.id));
  };
  const pagesRead = (mediaId: string) => world.calls.filter((c) => c.nodeId === mediaId && c.edge === "comments").length;
  return { world, brand, account, sync, stored, pagesRead, now, advance: (ms: number) => (clock += ms) };
}

describe("Instagram reconciliation", () => {
  it("gathers comments posted while Surgedesk was not listening on the next pass, paced by the media's age", async () => {
    const s = await setup();
    const fresh = s.world.addMedia(s.brand.id, { timestamp: s.now() });
    const older = s.world.addMedia(s.brand.id, { timestamp: new Date(s.now().getTime() - 2 * 24 * 3_600_000) });
    const first = s.world.addComment(fresh.id, { text: "first!" });
    s.world.addComment(older.id, { text: "still selling this?" });
    await s.sync.drain();
    expect((await s.stored()).map((m) => m.text).sort()).toEqual(["first!", "still selling this?"]);

    // No webhook for these: Surgedesk was down, or Meta dropped them.
    const missed = s.world.addComment(fresh.id, { text: "did anyone get theirs yet" });
    const missedReply = s.world.addComment(fresh.id, { text: "not me", parentId: first.id });
    const missedOld = s.world.addComment(older.id, { text: "price?" });

    s.advance(MINUTE - 1);
    await s.sync.drain();
    expect(s.pagesRead(fresh.id)).toBe(1);
    s.advance(1);
    await s.sync.drain();
    // A post under an hour old is reconciled every minute; one two days old every 30 minutes.
    expect(s.pagesRead(fresh.id)).toBe(2);
    expect(s.pagesRead(older.id)).toBe(1);
    const afterOneMinute = await s.stored();
    expect(afterOneMinute.map((m) => m.externalId)).toEqual(expect.arrayContaining([missed.id, missedReply.id]));
    expect(afterOneMinute.find((m) => m.externalId === missedReply.id)?.threadKey).toBe(`instagram:comment:${first.id}`);
    expect(afterOneMinute.map((m) => m.externalId)).not.toContain(missedOld.id);

    s.advance(30 * MINUTE);
    await s.sync.drain();
    const all = await s.stored();
    expect(all.map((m) => m.externalId)).toContain(missedOld.id);
    expect(new Set(all.map((m) => m.externalId)).size).toBe(all.length);
    expect(all).toHaveLength(5);
  });

  it("stores a comment once whether the webhook or the poll brings it first", async () => {
    const s = await setup();
    const post = s.world.addMedia(s.brand.id);
    const viaWebhook = s.world.addComment(post.id, { text: "webhook first" });
    const res = await t.app.request("/webhooks/instagram", signedDelivery(commentWebhookBody(s.world, viaWebhook), TEST_INSTAGRAM_SECRET));
    expect(res.status).toBe(200);
    await s.stored();
    const viaPoll = s.world.addComment(post.id, { text: "poll first", parentId: viaWebhook.id });
    await s.sync.drain();
    await s.stored();
    await t.app.request("/webhooks/instagram", signedDelivery(commentWebhookBody(s.world, viaPoll), TEST_INSTAGRAM_SECRET));

    const all = await s.stored();
    expect(all.map((m) => [m.externalId, m.threadKey]).sort()).toEqual(
      [
        [viaWebhook.id, `instagram:comment:${viaWebhook.id}`],
        [viaPoll.id, `instagram:comment:${viaWebhook.id}`],
      ].sort(),
    );
    // Gathered by the poll first, it keeps the time Instagram gave it.
    expect(all.find((m) => m.externalId === viaPoll.id)?.createdAt).toEqual(viaPoll.timestamp);
  });

  it("finds a new post on the next media listing and backfills it", async () => {
    const s = await setup();
    s.world.addComments(s.world.addMedia(s.brand.id).id, 3);
    await s.sync.drain();
    const later = s.world.addMedia(s.brand.id, { timestamp: s.now() });
    s.world.addComments(later.id, 75);
    s.advance(15 * MINUTE);
    await s.sync.drain();
    expect(await s.stored()).toHaveLength(78);
    expect(s.pagesRead(later.id)).toBe(2);
  });

  it("starts the pass over when Graph refuses a stale paging cursor", async () => {
    const s = await setup();
    const post = s.world.addMedia(s.brand.id);
    s.world.addComments(post.id, 120);
    await s.sync.drain({ maxPolls: 2 });
    const where = and(eq(syncCursors.accountId, s.account.id), eq(syncCursors.resourceId, post.id));
    await t.database.db.update(syncCursors).set({ pageCursor: "no-longer-valid" }).where(where);
    await s.sync.drain();
    expect(await s.stored()).toHaveLength(120);
    const [cursor] = await t.database.db.select().from(syncCursors).where(where);
    expect(cursor).toMatchObject({ pageCursor: null, failures: 0 });
  });
});
