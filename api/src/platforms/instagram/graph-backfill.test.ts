import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SetupServer } from "msw/node";
import { and, count, countDistinct, eq } from "drizzle-orm";
import { inboundEvents, messages, syncCursors } from "../../db/schema/index.ts";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedAccount } from "@surgedesk/devkit/emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld, type GraphCall } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { createLogger } from "../../lib/logger.ts";
import { createSyncScheduler } from "../../sync/sync-scheduler.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";

/** Backfill through the Graph API: media → comments → replies, one page per poll, on a real database. */
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

function newWorld() {
  const world = new InstagramWorld();
  server.use(...instagramGraphHandlers(world));
  return world;
}

function schedulerAt(now: () => Date, concurrency?: number) {
  return createSyncScheduler({ db: t.database.db, config: t.config, logger: createLogger("silent"), notifyIngest: () => {}, now, concurrency });
}

/** Comment pages the emulator was asked for on behalf of one account (other tests' accounts share the database). */
const commentPages = (world: InstagramWorld, accountId: string) =>
  world.calls.filter((c) => c.edge === "comments" && c.accountId === accountId);
const pageKey = (call: GraphCall) => `${call.nodeId}@${call.after ?? "start"}`;

async function countMessages(accountId: string) {
  const [row] = await t.database.db
    .select({ n: count(), distinctIds: countDistinct(messages.externalId) })
    .from(messages)
    .where(eq(messages.accountId, accountId));
  return row!;
}

describe("Instagram backfill", () => {
  it("gathers 3 posts × 1,200 comments, paged by 50, into exactly 3,600 messages", { timeout: 240_000 }, async () => {
    const world = newWorld();
    const brand = world.addAccount({ username: "glowbar" });
    const posts = [0, 1, 2].map((i) => world.addMedia(brand.id, { timestamp: new Date(Date.now() - (i + 1) * 3_600_000) }));
    for (const post of posts) world.addComments(post.id, 1_200, (i) => ({ text: `comment ${i} on ${post.id}` }));
    const account = await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, brand);

    await t.sync.drain();
    // 1 media page, then 24 pages of 50 per post, each read once.
    expect(world.calls.filter((c) => c.edge === "media")).toHaveLength(1);
    expect(commentPages(world, brand.id)).toHaveLength(72);
    expect(new Set(commentPages(world, brand.id).map(pageKey)).size).toBe(72);

    await t.ingest.drain();
    expect(await countMessages(account.id)).toEqual({ n: 3_600, distinctIds: 3_600 });
    const failed = await t.database.db.select().from(inboundEvents).where(eq(inboundEvents.status, "failed"));
    expect(failed).toEqual([]);

    // The real creation time and likes are kept, and every media is a post of the account.
    const sample = world.visibleThread(posts[0]!.id)[7]!;
    const [stored] = await t.database.db.select().from(messages).where(eq(messages.externalId, sample.id));
    expect(stored).toMatchObject({ text: sample.text, createdAt: sample.timestamp, likes: 0, kind: "comment", status: "open" });
    const cursors = await t.database.db.select().from(syncCursors).where(eq(syncCursors.accountId, account.id));
    expect(cursors.map((c) => [c.resource, c.pageCursor]).sort()).toEqual([
      ["instagram.media", null],
      ["instagram.media_comments", null],
      ["instagram.media_comments", null],
      ["instagram.media_comments", null],
    ]);
    expect(cursors.filter((c) => c.resource === "instagram.media_comments").map((c) => c.itemsGathered)).toEqual([1_200, 1_200, 1_200]);
  });

  it("pages replies beyond the first page embedded in their comment, threaded under it", { timeout: 60_000 }, async () => {
    const world = newWorld();
    const brand = world.addAccount();
    const post = world.addMedia(brand.id);
    const busy = world.addComment(post.id, { text: "WHERE IS MY ORDER" });
    world.addComments(post.id, 60);
    const replies = Array.from({ length: 70 }, (_, i) => world.addComment(post.id, { parentId: busy.id, text: `+1 (${i})` }));
    const account = await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, brand);

    await t.sync.drain();
    await t.ingest.drain();
    expect(await countMessages(account.id)).toEqual({ n: 131, distinctIds: 131 });
    // 25 embedded, then 45 more through /replies in one page of 50.
    expect(world.calls.filter((c) => c.edge === "replies")).toHaveLength(1);
    const [thread] = await t.database.db
      .select({ n: count() })
      .from(messages)
      .where(and(eq(messages.threadKey, `instagram:comment:${busy.id}`), eq(messages.accountId, account.id)));
    expect(thread?.n).toBe(71);
    const [lastReply] = await t.database.db.select().from(messages).where(eq(messages.externalId, replies[69]!.id));
    expect(lastReply).toMatchObject({ parentExternalId: busy.id });
  });

  it("resumes from the stored cursor after a restart mid-backfill, reading no page twice but the one in flight", { timeout: 120_000 }, async () => {
    const world = newWorld();
    const brand = world.addAccount();
    const posts = [0, 1, 2].map(() => world.addMedia(brand.id));
    for (const post of posts) world.addComments(post.id, 400);
    const account = await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, brand);

    // The first process reads 10 pages of comments; its 11th request never answers: it was killed.
    // It polls one cursor at a time so that, once that request hangs, it does nothing more, as a
    // killed process would (with parallel polls, a sibling poll could still be saving its page).
    world.faults.hang({ after: 10, times: 1, match: (call) => call.edge === "comments" });
    const first = schedulerAt(() => new Date(), 1);
    const killed = first.drain().catch(() => 0);
    await expect.poll(() => world.faults.hungCount, { timeout: 20_000 }).toBe(1);
    const inFlight = commentPages(world, brand.id).find((call) => call.status === 0)!;
    world.faults.clear();

    // A new process on the same database; by now the dead process's lease has run out.
    const second = schedulerAt(() => new Date(Date.now() + 121_000));
    await second.drain();
    await t.ingest.drain();

    expect(await countMessages(account.id)).toEqual({ n: 1_200, distinctIds: 1_200 });
    const reads = new Map<string, number>();
    for (const call of commentPages(world, brand.id)) reads.set(pageKey(call), (reads.get(pageKey(call)) ?? 0) + 1);
    const readTwice = [...reads].filter(([, n]) => n > 1).map(([key]) => key);
    expect(readTwice).toEqual([pageKey(inFlight)]);
    expect(reads.size).toBe(3 * 8);
    // Each page was stored once: nothing for ingestion to deduplicate.
    const [stored] = await t.database.db
      .select({ n: count() })
      .from(inboundEvents)
      .where(and(eq(inboundEvents.accountId, account.id), eq(inboundEvents.format, "instagram.graph_comments")));
    expect(stored?.n).toBe(3 * 8);

    world.faults.releaseHung();
    await killed;
  });
});
