import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedShop } from "@surgedesk/devkit/emulators/tiktok-shop/connect-emulated-shop.ts";
import type { EmulatedShop } from "@surgedesk/devkit/emulators/tiktok-shop/emulated-shop.ts";
import { agentVisibleMessages, seedShop } from "@surgedesk/devkit/emulators/tiktok-shop/seed-shop.ts";
import { TikTokShopEmulator } from "@surgedesk/devkit/emulators/tiktok-shop/shop-emulator.ts";
import { createLogger } from "../api/src/lib/logger.ts";
import { parseMessagePageEvent } from "../api/src/platforms/tiktok-shop/message-page-event.ts";
import { createSyncScheduler } from "../api/src/sync/sync-scheduler.ts";
import { createTestApp, TEST_TIKTOK_SHOP_APP_KEY, TEST_TIKTOK_SHOP_APP_SECRET, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";

const HOUR = 3_600_000;
const emulator = new TikTokShopEmulator({ appKey: TEST_TIKTOK_SHOP_APP_KEY, appSecret: TEST_TIKTOK_SHOP_APP_SECRET });
const server = startEmulatorServer(emulator.handlers());

let t: TestApp;
const connected: string[] = [];
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  server.close();
  await t?.close();
});
// Every test has its shop to itself: the accounts of earlier tests stop being polled.
afterEach(async () => {
  emulator.faults.clear();
  // Account ids are our own `acct_<base64url>`: safe to inline.
  if (connected.length > 0) {
    await t.database.db.execute(`update connected_accounts set status = 'disconnected' where id in (${connected.map((id) => `'${id}'`).join(", ")})`);
  }
});

/** A scheduler on a clock the test moves by hand. */
function schedulerAt(clock: { now: Date }) {
  return createSyncScheduler({
    db: t.database.db,
    config: t.config,
    logger: createLogger("silent"),
    notifyIngest: () => {},
    now: () => clock.now,
    random: () => 0.5,
  });
}

async function connectSeededShop(conversations: number, messagesPerConversation: number, start = new Date(Date.now() - 2 * 24 * HOUR)) {
  const shop = emulator.addShop();
  seedShop(shop, { conversations, messagesPerConversation, start });
  const account = await connectEmulatedShop(t.database.db, t.config, t.workspaceId, shop);
  connected.push(account.id);
  return { shop, account };
}

const storedMessages = (accountId: string) => t.database.db.query.messages.findMany({ where: (m, { eq }) => eq(m.accountId, accountId) });
const cursorsOf = (accountId: string) => t.database.db.query.syncCursors.findMany({ where: (c, { eq }) => eq(c.accountId, accountId) });
const accountRow = (accountId: string) => t.database.db.query.connectedAccounts.findFirst({ where: (a, { eq }) => eq(a.id, accountId) });
const expectedIds = (shop: EmulatedShop) => agentVisibleMessages(shop).map((m) => `tiktok_shop:${m.id}`).sort();

/** The message reads of one shop's conversations, as `conversation page_token` strings. */
function pageReads(shop: EmulatedShop): string[] {
  const ids = new Set(shop.conversations.keys());
  return emulator
    .messageReads()
    .map((r) => ({ conversationId: r.path.split("/").at(-2) ?? "", token: r.query.page_token ?? "" }))
    .filter((r) => ids.has(r.conversationId))
    .map((r) => `${r.conversationId} ${r.token}`);
}

/** How many stored pages each message id appears in. */
async function pagesPerMessage(accountId: string): Promise<Map<string, number>> {
  const events = await t.database.db.query.inboundEvents.findMany({
    columns: { body: true },
    where: (e, { and, eq }) => and(eq(e.accountId, accountId), eq(e.format, "tiktok_shop.message_page")),
  });
  const counts = new Map<string, number>();
  for (const { body } of events) {
    for (const item of parseMessagePageEvent(body).response.data.messages) {
      const id = (item as { id: string }).id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

describe("polling TikTok Shop conversations", () => {
  it("gathers exactly the visible messages of 25 conversations × 30 messages, once each", async () => {
    const { shop, account } = await connectSeededShop(25, 30);
    const polls = await schedulerAt({ now: new Date() }).drain();
    await t.ingest.drain();

    const stored = await storedMessages(account.id);
    expect(stored.map((m) => m.externalId).sort()).toEqual(expectedIds(shop));
    // Two pages of conversations, then three pages of messages per conversation, none twice.
    expect(polls).toBe(2 + 25 * 3);
    const reads = pageReads(shop);
    expect(reads).toHaveLength(25 * 3);
    expect(new Set(reads).size).toBe(reads.length);

    // Buyers' messages wait for an agent; the shop's and its agents' are the thread's context.
    const buyerIds = new Set(agentVisibleMessages(shop).filter((m) => m.sender.role === "BUYER").map((m) => `tiktok_shop:${m.id}`));
    for (const message of stored) {
      expect(message.direction).toBe(buyerIds.has(message.externalId) ? "inbound" : "outbound");
      expect(message.status).toBe(buyerIds.has(message.externalId) ? "open" : "closed");
      expect(message.kind).toBe("dm");
    }
    // One thread and one contact (the buyer) per conversation.
    for (const conversation of shop.conversations.values()) {
      const thread = stored.filter((m) => m.threadKey === `tiktok_shop:conversation:${conversation.id}`);
      expect(thread).toHaveLength(21);
      expect(new Set(thread.map((m) => m.contactId)).size).toBe(1);
    }
    expect(new Set(stored.map((m) => m.contactId)).size).toBe(25);

    const cursors = await cursorsOf(account.id);
    expect(cursors).toHaveLength(26);
    expect(cursors.every((c) => c.pageCursor === null && c.failures === 0)).toBe(true);
  });

  it("resumes a pass interrupted by a restart without reading a page twice or storing a message twice", async () => {
    const { shop, account } = await connectSeededShop(6, 30);
    const clock = { now: new Date() };
    const before = schedulerAt(clock);
    for (let i = 0; i < 3; i++) await before.runDue();
    await before.stop();
    const midPass = (await cursorsOf(account.id)).filter((c) => c.pageCursor !== null);
    expect(midPass.length).toBeGreaterThan(0);

    // A new process: nothing in memory, only what the database kept.
    await schedulerAt(clock).drain();
    await t.ingest.drain();

    expect((await storedMessages(account.id)).map((m) => m.externalId).sort()).toEqual(expectedIds(shop));
    const reads = pageReads(shop);
    expect(reads).toHaveLength(6 * 3);
    expect(new Set(reads).size).toBe(reads.length);
    const pages = await pagesPerMessage(account.id);
    expect(pages.size).toBe(6 * 30);
    expect([...pages.values()].every((n) => n === 1)).toBe(true);
  });

  it("slows down while throttled, makes no call before Retry-After, then catches up", async () => {
    const { shop, account } = await connectSeededShop(3, 30);
    emulator.faults.throttle(3, { retryAfterSeconds: 30 });
    const clock = { now: new Date() };
    const sync = schedulerAt(clock);

    let throttledAnswers = 0;
    for (let round = 0; round < 10 && (await storedMessages(account.id)).length < expectedIds(shop).length; round++) {
      const calls = emulator.requests.length;
      await sync.drain();
      await t.ingest.drain();
      const throttled = emulator.requests.slice(calls).filter((r) => r.status === 429).length;
      throttledAnswers += throttled;
      if (throttled > 0) {
        const row = await accountRow(account.id);
        expect(row?.throttledUntil?.getTime()).toBe(clock.now.getTime() + 30_000);
        expect(row?.lastError).toContain("Too many requests");
        // Still throttled: polling again, even a second before Retry-After runs out, calls nothing.
        const held = emulator.requests.length;
        expect(await sync.drain()).toBe(0);
        clock.now = new Date(clock.now.getTime() + 29_000);
        expect(await sync.drain()).toBe(0);
        expect(emulator.requests.length).toBe(held);
        clock.now = new Date(clock.now.getTime() + 2_000);
      }
    }
    expect(throttledAnswers).toBe(3);
    expect((await storedMessages(account.id)).map((m) => m.externalId).sort()).toEqual(expectedIds(shop));
  });

  it("stops polling an account whose token expired and asks for it to be reconnected", async () => {
    const { shop, account } = await connectSeededShop(2, 30);
    const clock = { now: new Date() };
    const sync = schedulerAt(clock);
    await sync.runDue(); // the conversation list, which discovers both conversations
    shop.expireToken();
    await sync.drain();

    const row = await accountRow(account.id);
    expect(row).toMatchObject({ status: "needs_attention", attentionReason: expect.stringContaining("reconnect") });
    expect(row?.lastError).toContain("Access token is expired");

    const calls = emulator.requests.length;
    clock.now = new Date(clock.now.getTime() + 6 * HOUR);
    expect(await sync.drain()).toBe(0);
    expect(emulator.requests.length).toBe(calls);

    // Reconnecting with a new token resumes where polling stopped.
    shop.renewToken("ROW_renewed_token");
    await connectEmulatedShop(t.database.db, t.config, t.workspaceId, shop);
    await sync.drain();
    await t.ingest.drain();
    expect((await storedMessages(account.id)).map((m) => m.externalId).sort()).toEqual(expectedIds(shop));
  });

  it("reads only what is new on later passes: one page for a quiet conversation, never older pages", async () => {
    const { shop, account } = await connectSeededShop(4, 30);
    const clock = { now: new Date() };
    const sync = schedulerAt(clock);
    await sync.drain();
    await t.ingest.drain();
    const [busy, ...quiet] = [...shop.conversations.values()];
    for (const text of ["hello?", "anyone there?", "my order 576893021845237781 still hasn't arrived"]) {
      shop.addBuyerMessage(busy!.id, text);
    }
    const readsBefore = pageReads(shop).length;
    const pagesBefore = await pagesPerMessage(account.id);

    clock.now = new Date(clock.now.getTime() + 3 * HOUR);
    await sync.drain();
    await t.ingest.drain();

    const reads = pageReads(shop).slice(readsBefore);
    for (const conversation of quiet) expect(reads.filter((r) => r.startsWith(conversation.id))).toEqual([`${conversation.id} `]);
    expect(reads.every((r) => r.endsWith(" "))).toBe(true);
    expect((await storedMessages(account.id)).map((m) => m.externalId).sort()).toEqual(expectedIds(shop));
    // Only the busy conversation's first page was stored again: it held the new messages.
    const pagesAfter = await pagesPerMessage(account.id);
    expect(pagesAfter.size).toBe(pagesBefore.size + 3);
  });

  it("brings a quiet conversation forward when the conversation list shows new activity in it", async () => {
    const { shop, account } = await connectSeededShop(3, 30, new Date(Date.now() - 5 * 24 * HOUR));
    const clock = { now: new Date() };
    const sync = schedulerAt(clock);
    await sync.drain();
    const conversations = [...shop.conversations.values()];
    const woken = conversations[0]!;
    const message = shop.addBuyerMessage(woken.id, "is the restock coming this week?");
    const readsBefore = pageReads(shop).length;

    // Past the list's interval, well before a quiet conversation's own.
    clock.now = new Date(clock.now.getTime() + 2 * 60_000);
    await sync.drain();
    await t.ingest.drain();

    expect(pageReads(shop).slice(readsBefore)).toEqual([`${woken.id} `]);
    const stored = (await storedMessages(account.id)).find((m) => m.externalId === `tiktok_shop:${message.id}`);
    expect(stored).toMatchObject({ text: "is the restock coming this week?", direction: "inbound", status: "open" });
  });
});
