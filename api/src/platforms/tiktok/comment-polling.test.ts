import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { SetupServer } from "msw/node";
import { connectAccount } from "../../accounts/connect-account.ts";
import { connectedAccounts, messages, syncCursors } from "../../db/schema/index.ts";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import type { EmulatedBusiness, EmulatedVideo } from "@surgedesk/devkit/emulators/tiktok/business-world.ts";
import { connectEmulatedBusiness } from "@surgedesk/devkit/emulators/tiktok/connect-emulated-business.ts";
import { createTikTokEmulator } from "@surgedesk/devkit/emulators/tiktok/tiktok-emulator.ts";
import { createLogger } from "../../lib/logger.ts";
import { createSyncScheduler, type SyncScheduler } from "../../sync/sync-scheduler.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";

/** The emulated TikTok and Surgedesk's scheduler share one clock that the tests move. */
const clock = { now: new Date() };
const advance = (ms: number) => {
  clock.now = new Date(clock.now.getTime() + ms);
};
const MIN = 60_000;
const HOUR = 60 * MIN;

const emulator = createTikTokEmulator({ now: () => clock.now });
const { world } = emulator;
let server: SetupServer;
let t: TestApp;
let sync: SyncScheduler;

beforeAll(async () => {
  server = startEmulatorServer(emulator.handlers);
  t = await createTestApp();
  sync = createSyncScheduler({
    db: t.database.db,
    config: t.config,
    logger: createLogger("silent"),
    notifyIngest: () => {},
    now: () => clock.now,
    random: () => 0.5,
  });
});
afterAll(async () => {
  server?.close();
  await t?.close();
});
beforeEach(() => world.faults.clear());

/** A brand on the emulated TikTok, connected to Surgedesk the way an admin connects it. */
async function connectBrand(): Promise<{ business: EmulatedBusiness; accountId: string }> {
  const business = world.addBusiness({ businessId: `-000brand${Math.random().toString(36).slice(2)}` });
  const account = await connectEmulatedBusiness(t.database.db, t.config, t.workspaceId, business);
  return { business, accountId: account.id };
}

/**
 * Runs every poll due now, then ingestion: what Surgedesk's workers would do by this time.
 * The clock never runs behind the real one: cursors found by a poll are due at the database's
 * now(), so they are polled in the next round.
 */
async function gather() {
  for (let round = 0; round < 10; round++) {
    clock.now = new Date(Math.max(clock.now.getTime(), Date.now()));
    if ((await sync.drain()) === 0) break;
  }
  await t.ingest.drain();
}

const storedFor = (accountId: string) => t.database.db.select().from(messages).where(eq(messages.accountId, accountId));
const callsFor = (business: EmulatedBusiness) => world.calls.filter((c) => c.params["business_id"] === business.businessId);
const commentCalls = (video: EmulatedVideo) =>
  world.calls.filter((c) => c.path === "/business/comment/list/" && c.params["video_id"] === video.itemId).length;
const cursorOf = async (accountId: string, resource: string, resourceId: string) =>
  (
    await t.database.db
      .select()
      .from(syncCursors)
      .where(and(eq(syncCursors.accountId, accountId), eq(syncCursors.resource, resource), eq(syncCursors.resourceId, resourceId)))
  )[0]!;
const accountRow = async (accountId: string) =>
  (await t.database.db.select().from(connectedAccounts).where(eq(connectedAccounts.id, accountId)))[0]!;

function addComments(video: EmulatedVideo, n: number, prefix: string) {
  return Array.from({ length: n }, (_, i) =>
    world.addComment(video.itemId, { userId: `-000${prefix}${i}`, username: `${prefix}_${i}`, text: `${prefix} comment ${i}`, createdAt: new Date(clock.now.getTime() - (n - i) * 1000) }),
  );
}

describe("TikTok comments by adaptive polling", () => {
  it("discovers the brand's videos and gathers their comments and replies, threaded", async () => {
    const { business, accountId } = await connectBrand();
    const video = world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 10 * MIN), caption: "serum is back" });
    const question = world.addComment(video.itemId, { userId: "-000maria", username: "maria.glows", text: "where is my order?? #10482" });
    world.addComment(video.itemId, { userId: "-000jess", username: "jess.shops", text: "same here", parentCommentId: question.commentId });
    world.addComment(video.itemId, { userId: business.businessId, username: business.username, text: "DM us 💛", parentCommentId: question.commentId, owner: true });

    await gather();
    const stored = await storedFor(accountId);
    expect(stored).toHaveLength(3);
    for (const message of stored) expect(message.threadKey).toBe(`tiktok:comment:${question.commentId}`);
    expect(stored.find((m) => m.authorHandle === "maria.glows")).toMatchObject({ kind: "comment", direction: "inbound", status: "open", platform: "tiktok" });
    expect(stored.find((m) => m.authorHandle === business.username)).toMatchObject({ direction: "outbound", status: "closed" });
  });

  it("gathers a comment posted later at the next due poll, reading only down to the last comment seen", async () => {
    const { business, accountId } = await connectBrand();
    const video = world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 20 * MIN) });
    addComments(video, 70, "early");
    await gather();
    expect(await storedFor(accountId)).toHaveLength(70);
    expect(commentCalls(video)).toBe(3);

    world.addComment(video.itemId, { userId: "-000late", username: "late_buyer", text: "is the 50ml back in stock?" });
    await gather();
    expect(commentCalls(video)).toBe(3); // not due yet: a 20-minute-old video rests a minute between passes

    advance(61_000);
    await gather();
    expect(commentCalls(video)).toBe(4); // one page: it holds the newest comment seen before
    const stored = await storedFor(accountId);
    expect(stored).toHaveLength(71);
    expect(stored.map((m) => m.text)).toContain("is the 50ml back in stock?");
  });

  it("polls fresh videos often and old ones rarely", async () => {
    const { business, accountId } = await connectBrand();
    const fresh = world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 10 * MIN) });
    const day = world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 5 * HOUR) });
    const week = world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 3 * 24 * HOUR) });
    const old = world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 40 * 24 * HOUR) });
    await gather();
    const intervals = await Promise.all(
      [fresh, day, week, old].map(async (video) => {
        const cursor = await cursorOf(accountId, "tiktok.video_comments", video.itemId);
        return cursor.nextPollAt.getTime() - cursor.lastPolledAt!.getTime();
      }),
    );
    expect(intervals).toEqual([MIN, 5 * MIN, 30 * MIN, 6 * HOUR]);
    expect((await cursorOf(accountId, "tiktok.video_comments", old.itemId)).resourceCreatedAt?.getTime()).toBe(
      Math.floor(old.createdAt.getTime() / 1000) * 1000,
    );
  });

  it("slows down when throttled (code 40100 in an HTTP 200) and catches up afterwards", async () => {
    const { business, accountId } = await connectBrand();
    const video = world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 30 * MIN) });
    addComments(video, 75, "burst");
    world.faults.inject({ kind: "throttle" }, 3, { businessId: business.businessId });

    await gather();
    const throttled = await accountRow(accountId);
    expect(throttled.throttledUntil!.getTime()).toBeGreaterThan(clock.now.getTime());
    expect(throttled.lastError).toContain("40100");
    expect(throttled.status).toBe("active");

    // While throttled, nothing is asked of TikTok for this account, however often the scheduler runs.
    const duringThrottle = callsFor(business).length;
    await gather();
    expect(callsFor(business).length).toBe(duringThrottle);

    for (let step = 0; step < 300 && (await storedFor(accountId)).length < 75; step++) {
      advance(1000);
      await gather();
    }
    expect(await storedFor(accountId)).toHaveLength(75);
    expect(world.faults.pending).toBe(0);
    // The throttled attempts were retried further and further apart (exponential backoff).
    const times = callsFor(business).map((c) => c.at.getTime());
    const gaps = times.slice(1, 4).map((at, i) => at - times[i]!);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
    expect(gaps[2]!).toBeGreaterThan(gaps[1]!);
    const caughtUp = await cursorOf(accountId, "tiktok.video_comments", video.itemId);
    expect(caughtUp).toMatchObject({ failures: 0, lastError: null, pageCursor: null });
  });

  it("stops polling an account whose token expired and asks for a reconnect, instead of looping", async () => {
    const { business, accountId } = await connectBrand();
    const video = world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 10 * MIN) });
    addComments(video, 2, "before");
    await gather();
    world.expireToken(business.businessId);
    world.addComment(video.itemId, { userId: "-000after", text: "hello??" });

    advance(61_000);
    const before = callsFor(business).length;
    await gather();
    expect(callsFor(business).length - before).toBe(1);
    expect(await accountRow(accountId)).toMatchObject({ status: "needs_attention", attentionReason: expect.stringContaining("reconnect") });

    for (let i = 0; i < 5; i++) {
      advance(10 * MIN);
      await gather();
    }
    expect(callsFor(business).length - before).toBe(1);

    // The admin reconnects with a fresh token: polling resumes where it stopped.
    const token = world.refreshToken(business.businessId);
    await connectAccount(t.database.db, t.config, {
      workspaceId: t.workspaceId,
      channel: "tiktok_business",
      externalAccountId: business.businessId,
      accessToken: token,
      platformParams: { business_id: business.businessId },
    });
    await gather();
    expect((await storedFor(accountId)).map((m) => m.text)).toContain("hello??");
  });

  it("resumes an interrupted pass at its page, and still stops at the previous pass's mark", async () => {
    const { business, accountId } = await connectBrand();
    const video = world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 10 * MIN) });
    addComments(video, 5, "old");
    await gather();
    const mark = await cursorOf(accountId, "tiktok.video_comments", video.itemId);

    advance(61_000);
    addComments(video, 45, "new");
    const calls = commentCalls(video);
    // Page 1 succeeds, then TikTok fails: the pass is left half done.
    for (let i = 0; i < 20 && (await cursorOf(accountId, "tiktok.video_comments", video.itemId)).pageCursor === null; i++) {
      clock.now = new Date(Math.max(clock.now.getTime(), Date.now()));
      await sync.runDue();
    }
    world.faults.inject({ kind: "server_error" }, 1, { businessId: business.businessId });
    await gather();
    const halfway = await cursorOf(accountId, "tiktok.video_comments", video.itemId);
    expect(halfway).toMatchObject({ pageCursor: "30", newestSeenId: mark.newestSeenId, failures: 1 });
    expect(halfway.state).toMatchObject({ pass: { newestId: world.commentsOf(video.itemId, null).at(-1)!.commentId } });

    advance(10 * MIN);
    await gather();
    const done = await cursorOf(accountId, "tiktok.video_comments", video.itemId);
    expect(done).toMatchObject({ pageCursor: null, failures: 0, newestSeenId: (halfway.state as { pass: { newestId: string } }).pass.newestId });
    expect(commentCalls(video) - calls).toBe(3); // page 1, the failed page 2, page 2 again: never page 3
    const stored = await storedFor(accountId);
    expect(stored).toHaveLength(50);
    expect(new Set(stored.map((m) => m.externalId)).size).toBe(50);
  });

  it("gathers every reply of a comment with more replies than fit inline", async () => {
    const { business, accountId } = await connectBrand();
    const video = world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 10 * MIN) });
    const popular = world.addComment(video.itemId, { userId: "-000pop", text: "anyone else still waiting for their order?" });
    for (let i = 0; i < 8; i++) {
      world.addComment(video.itemId, { userId: `-000me${i}`, text: `me too (${i})`, parentCommentId: popular.commentId });
    }
    await gather();
    const stored = await storedFor(accountId);
    expect(stored).toHaveLength(9);
    for (const message of stored) expect(message.threadKey).toBe(`tiktok:comment:${popular.commentId}`);
    expect(await cursorOf(accountId, "tiktok.comment_replies", `${video.itemId}:${popular.commentId}`)).toMatchObject({ pageCursor: null });
  });

  it("finds a new reply to an older comment on a later sweep", async () => {
    const { business, accountId } = await connectBrand();
    const video = world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 10 * MIN) });
    const [first] = addComments(video, 40, "thread");
    await gather();
    world.addComment(video.itemId, { userId: "-000late", text: "did anyone get theirs?", parentCommentId: first!.commentId });
    advance(61_000);
    await gather();
    expect((await storedFor(accountId)).map((m) => m.text)).not.toContain("did anyone get theirs?");

    advance(12 * MIN);
    await gather();
    const reply = (await storedFor(accountId)).find((m) => m.text === "did anyone get theirs?");
    expect(reply).toMatchObject({ threadKey: `tiktok:comment:${first!.commentId}`, parentExternalId: first!.commentId });
  });
});
