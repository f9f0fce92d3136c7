import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { SetupServer } from "msw/node";
import type { IngestStatus } from "@surgedesk/shared";
import { platformCallBudgets, syncCursors } from "../db/schema/index.ts";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedBusiness } from "@surgedesk/devkit/emulators/tiktok/connect-emulated-business.ts";
import { createTikTokEmulator } from "@surgedesk/devkit/emulators/tiktok/tiktok-emulator.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createLogger } from "../lib/logger.ts";
import { readIngestStatus } from "../ingest/ingest-status.ts";
import { minuteOf, pruneCallBudgets, takeCall } from "./call-budget.ts";
import { createSyncScheduler, type SyncScheduler } from "./sync-scheduler.ts";

const clock = { now: new Date() };
const catchUp = () => {
  clock.now = new Date(Math.max(clock.now.getTime(), Date.now()));
};
const emulator = createTikTokEmulator({ now: () => clock.now });
const { world } = emulator;
let server: SetupServer;
let t: TestApp;
let sync: SyncScheduler;

beforeAll(async () => {
  server = startEmulatorServer(emulator.handlers);
  t = await createTestApp();
  sync = createSyncScheduler({ db: t.database.db, config: t.config, logger: createLogger("silent"), notifyIngest: () => {}, now: () => clock.now, random: () => 0.5 });
});
afterAll(async () => {
  server?.close();
  await t?.close();
});

async function connectBrand() {
  const business = world.addBusiness({ businessId: `-000brand${Math.random().toString(36).slice(2)}` });
  const account = await connectEmulatedBusiness(t.database.db, t.config, t.workspaceId, business);
  return { business, accountId: account.id };
}

const LIMIT = { endpoint: "tiktok.comment/list", perMinute: 40 };

describe("per-minute call budgets", () => {
  it("gives an account 40 calls a minute on an endpoint, then says when the next minute starts", async () => {
    const { accountId } = await connectBrand();
    const at = new Date("2026-12-06T10:15:20Z");
    const taken = [];
    for (let i = 0; i < 41; i++) taken.push(await takeCall(t.database.db, accountId, LIMIT, at));
    expect(taken.filter((c) => c.taken)).toHaveLength(40);
    expect(taken.at(-1)).toEqual({ taken: false, nextWindowAt: new Date("2026-12-06T10:16:00Z") });
    // Another endpoint, and the next minute, have budgets of their own.
    expect(await takeCall(t.database.db, accountId, { endpoint: "tiktok.comment/reply/list", perMinute: 40 }, at)).toEqual({ taken: true });
    expect(await takeCall(t.database.db, accountId, LIMIT, new Date("2026-12-06T10:16:00Z"))).toEqual({ taken: true });
    // Past minutes are pruned after an hour.
    expect(await pruneCallBudgets(t.database.db, new Date("2026-12-06T11:15:30Z"))).toBe(2);
  });

  it("never gives more than the budget to callers racing for it", async () => {
    const { accountId } = await connectBrand();
    const at = new Date("2026-12-06T10:20:00Z");
    const results = await Promise.all(Array.from({ length: 60 }, () => takeCall(t.database.db, accountId, LIMIT, at)));
    expect(results.filter((c) => c.taken)).toHaveLength(40);
    const [row] = await t.database.db.select().from(platformCallBudgets).where(and(eq(platformCallBudgets.accountId, accountId), eq(platformCallBudgets.windowStart, at)));
    expect(row).toMatchObject({ used: 40, perMinute: 40 });
  });

  it("defers a video's poll to the next minute when its account spent the comment list's budget, and shows the use in ingest status", async () => {
    const { business, accountId } = await connectBrand();
    catchUp();
    const video = world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 60_000) });
    world.addComment(video.itemId, { userId: "-000buyer", username: "maria.glows", text: "restock when?" });
    await sync.drain(); // the video list: discovers the video
    const cursorOf = async () =>
      (await t.database.db.select().from(syncCursors).where(and(eq(syncCursors.accountId, accountId), eq(syncCursors.resource, "tiktok.video_comments"))))[0]!;
    expect(await cursorOf()).toMatchObject({ resourceId: video.itemId, lastPolledAt: expect.any(Date) });

    // Spend the rest of this minute's budget (other polls, other processes).
    const polledAt = (await cursorOf()).lastPolledAt!;
    const minute = minuteOf(clock.now);
    await t.database.db
      .update(platformCallBudgets)
      .set({ used: 40 })
      .where(and(eq(platformCallBudgets.accountId, accountId), eq(platformCallBudgets.endpoint, LIMIT.endpoint), eq(platformCallBudgets.windowStart, minute)));
    await t.database.db.update(syncCursors).set({ nextPollAt: clock.now }).where(eq(syncCursors.id, (await cursorOf()).id));
    const calls = world.calls.length;
    await sync.runDue();
    expect(world.calls.length).toBe(calls);
    expect(await cursorOf()).toMatchObject({ nextPollAt: new Date(minute.getTime() + 60_000), failures: 0, lastPolledAt: polledAt });

    const status = await readIngestStatus(t.database.db, t.workspaceId, clock.now);
    expect(status.accounts.find((a) => a.id === accountId)?.callBudgets).toEqual([{ endpoint: "tiktok.comment/list", usedThisMinute: 40, perMinute: 40 }]);

    clock.now = new Date(minute.getTime() + 60_000);
    await sync.runDue();
    expect(world.calls.filter((c) => c.path === "/business/comment/list/" && c.params["video_id"] === video.itemId).length).toBeGreaterThanOrEqual(2);
    const later = await readIngestStatus(t.database.db, t.workspaceId, clock.now);
    expect(later.accounts.find((a) => a.id === accountId)?.callBudgets).toEqual([{ endpoint: "tiktok.comment/list", usedThisMinute: 1, perMinute: 40 }]);
  });

  it("serves the budgets in GET /api/ingest/status", async () => {
    const { accountId } = await connectBrand();
    await takeCall(t.database.db, accountId, LIMIT, new Date());
    const status = (await (await t.app.request("/api/ingest/status")).json()) as IngestStatus;
    const budgets = status.accounts.find((a) => a.id === accountId)?.callBudgets;
    // The minute may have turned between the call and the read.
    expect(budgets).toEqual([{ endpoint: "tiktok.comment/list", usedThisMinute: expect.any(Number), perMinute: 40 }]);
    expect(budgets![0]!.usedThisMinute).toBeLessThanOrEqual(1);
  });
});
