import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SetupServer } from "msw/node";
import { and, count, countDistinct, eq } from "drizzle-orm";
import { connectedAccounts, inboundEvents, messages } from "../../db/schema/index.ts";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedAccount } from "@surgedesk/devkit/emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { createLogger } from "../../lib/logger.ts";
import { createSyncScheduler } from "../../sync/sync-scheduler.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";

/** Flow control against the emulated Graph API: throttling, backoff, expired tokens, flaky servers. */
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

/**
 * One brand with `posts` media of `comments` comments, connected, under a clock the test moves.
 * The scheduler's jitter is pinned (random 0.5 → 75% of the backoff ceiling) so waits are exact.
 */
async function setup(posts: number, comments: number) {
  let clock = Date.now();
  const now = () => new Date(clock);
  const world = new InstagramWorld({ now });
  server.use(...instagramGraphHandlers(world));
  const brand = world.addAccount();
  for (let i = 0; i < posts; i++) world.addComments(world.addMedia(brand.id, { timestamp: new Date(clock - 2 * 3_600_000) }).id, comments);
  const account = await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, brand);
  // Read after connecting: the account's first cursor is due from the database's "now".
  clock = Date.now();
  const sync = createSyncScheduler({ db: t.database.db, config: t.config, logger: createLogger("silent"), notifyIngest: () => {}, now, random: () => 0.5 });
  const accountRow = async () => (await t.database.db.select().from(connectedAccounts).where(eq(connectedAccounts.id, account.id)))[0]!;
  const gathered = async () => {
    await t.ingest.drain();
    const [row] = await t.database.db
      .select({ n: count(), distinct: countDistinct(messages.externalId) })
      .from(messages)
      .where(eq(messages.accountId, account.id));
    return row!;
  };
  const storedPages = async () => {
    const [row] = await t.database.db
      .select({ n: count() })
      .from(inboundEvents)
      .where(and(eq(inboundEvents.accountId, account.id), eq(inboundEvents.format, "instagram.graph_comments")));
    return row!.n;
  };
  // Other tests' accounts share the database and may come due as the clock moves: count ours only.
  const brandCalls = () => world.calls.filter((call) => call.accountId === brand.id);
  return {
    world,
    brand,
    brandCalls,
    account,
    sync,
    accountRow,
    gathered,
    storedPages,
    now,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe("Instagram polling under throttling", () => {
  it("puts the account on hold on Graph code 4, polls nothing meanwhile, then catches up", async () => {
    const s = await setup(2, 200);
    await s.sync.drain({ maxPolls: 3 });
    s.world.faults.throttle(1, { as: 4 });
    await s.sync.runDue();

    const held = await s.accountRow();
    // No Retry-After: exponential backoff with jitter, 2 s · 2¹ · 0.75.
    expect(held.throttledUntil?.getTime()).toBe(s.now().getTime() + 3_000);
    expect(held.lastError).toContain("(#4) Application request limit reached");
    const callsWhileHeld = s.brandCalls().length;
    await s.sync.runDue();
    s.advance(2_999);
    await s.sync.runDue();
    expect(s.brandCalls().length).toBe(callsWhileHeld);

    s.advance(1);
    await s.sync.drain();
    expect(await s.gathered()).toEqual({ n: 400, distinct: 400 });
    expect(await s.storedPages()).toBe(8);
    expect((await s.accountRow()).status).toBe("active");
  });

  it("waits exactly as long as HTTP 429's Retry-After says, every time it is said", async () => {
    const s = await setup(1, 120);
    await s.sync.drain({ maxPolls: 2 });
    s.world.faults.throttle(2, { as: 429, retryAfterSec: 120 });
    await s.sync.runDue();
    expect((await s.accountRow()).throttledUntil?.getTime()).toBe(s.now().getTime() + 120_000);

    const callsWhileHeld = s.brandCalls().length;
    s.advance(60_000);
    await s.sync.runDue();
    expect(s.brandCalls().length).toBe(callsWhileHeld);
    s.advance(60_000);
    await s.sync.runDue();
    expect((await s.accountRow()).throttledUntil?.getTime()).toBe(s.now().getTime() + 120_000);

    s.advance(120_000);
    await s.sync.drain();
    expect(await s.gathered()).toEqual({ n: 120, distinct: 120 });
    expect(s.brandCalls().filter((c) => c.status === 429)).toHaveLength(2);
  });

  it("backs off exponentially while the throttling goes on", async () => {
    const s = await setup(1, 10);
    await s.sync.drain({ maxPolls: 1 });
    s.world.faults.throttle(3, { as: 17 });
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await s.sync.runDue();
      const until = (await s.accountRow()).throttledUntil!.getTime();
      waits.push(until - s.now().getTime());
      s.advance(until - s.now().getTime());
    }
    expect(waits).toEqual([3_000, 6_000, 12_000]);
    await s.sync.drain();
    expect(await s.gathered()).toEqual({ n: 10, distinct: 10 });
  });

  it("eases off when X-Business-Use-Case-Usage passes 80%, before Meta blocks the account", async () => {
    const s = await setup(1, 150);
    s.world.setUsage(s.brand.id, { call_count: 86, total_cputime: 30, total_time: 40, estimated_time_to_regain_access: 0 });
    await s.sync.runDue();
    expect((await s.accountRow()).throttledUntil?.getTime()).toBe(s.now().getTime() + 60_000);
    const callsWhileHeld = s.brandCalls().length;
    await s.sync.runDue();
    expect(s.brandCalls().length).toBe(callsWhileHeld);

    s.world.setUsage(s.brand.id, null);
    s.advance(60_000);
    await s.sync.drain();
    expect(await s.gathered()).toEqual({ n: 150, distinct: 150 });
  });

  it("stops polling an account whose token expired and asks for a reconnect, instead of looping", async () => {
    const s = await setup(1, 60);
    await s.sync.drain({ maxPolls: 2 });
    s.world.expireToken(s.brand.id);
    await s.sync.drain();

    const stuck = await s.accountRow();
    expect(stuck.status).toBe("needs_attention");
    expect(stuck.attentionReason).toMatch(/reconnect/i);
    const calls = s.brandCalls().length;
    expect(s.brandCalls().at(-1)?.status).toBe(400);
    for (let hour = 0; hour < 24; hour++) {
      s.advance(3_600_000);
      await s.sync.drain();
    }
    expect(s.brandCalls().length).toBe(calls);

    // Reconnected with a fresh token, it resumes where it stopped.
    s.world.renewToken(s.brand.id);
    await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, s.world.getAccount(s.brand.id)!);
    await s.sync.drain();
    expect(await s.gathered()).toEqual({ n: 60, distinct: 60 });
    expect((await s.accountRow()).status).toBe("active");
  });

  it("retries 500s with backoff and loses nothing", async () => {
    const s = await setup(3, 150);
    let seed = 7;
    const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647);
    s.world.faults.randomServerErrors(0.3, random);
    for (let round = 0; round < 200 && (await s.gathered()).n < 450; round++) {
      await s.sync.drain();
      s.advance(60_000);
    }
    expect(s.brandCalls().filter((c) => c.status === 500).length).toBeGreaterThan(0);
    expect(await s.gathered()).toEqual({ n: 450, distinct: 450 });
  });
});
