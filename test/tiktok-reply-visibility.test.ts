import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { SetupServer } from "msw/node";
import type { OutboxItem } from "@surgedesk/shared";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import type { EmulatedComment, EmulatedVideo } from "@surgedesk/devkit/emulators/tiktok/business-world.ts";
import { connectEmulatedBusiness } from "@surgedesk/devkit/emulators/tiktok/connect-emulated-business.ts";
import { createTikTokEmulator } from "@surgedesk/devkit/emulators/tiktok/tiktok-emulator.ts";
import { createTestApp, TEST_TIKTOK_CLIENT_SECRET, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { messages, replyOutbox, syncCursors } from "../api/src/db/schema/index.ts";
import { createLogger } from "../api/src/lib/logger.ts";
import { createOutboxWorker, type OutboxWorker } from "../api/src/outbox/outbox-worker.ts";
import { checkReplyVisibility } from "../api/src/outbox/reply-visibility.ts";
import { createSyncScheduler, type SyncScheduler } from "../api/src/sync/sync-scheduler.ts";

/** TikTok, the scheduler and the outbox share one clock the tests move. */
const clock = { now: new Date() };
const advance = (ms: number) => {
  clock.now = new Date(clock.now.getTime() + ms);
};
/** The clock never runs behind the real one: rows the database stamps with its now() must be due by it. */
const catchUp = () => {
  clock.now = new Date(Math.max(clock.now.getTime(), Date.now()));
};
const MIN = 60_000;
const quiet = createLogger(process.env["TEST_LOG"] ? "debug" : "silent");

// The emulated spam filter: a reply pointing buyers off TikTok is held back, silently.
const emulator = createTikTokEmulator({ now: () => clock.now, commentWebhooks: true, spamReplies: /whatsapp/i });
const { world } = emulator;
const business = world.addBusiness({ username: "glowbar.official" });
let video: EmulatedVideo;
let server: SetupServer;
let t: TestApp;
let sync: SyncScheduler;
let outbox: OutboxWorker;

beforeAll(async () => {
  server = startEmulatorServer(emulator.handlers);
  t = await createTestApp();
  await connectEmulatedBusiness(t.database.db, t.config, t.workspaceId, business);
  sync = createSyncScheduler({ db: t.database.db, config: t.config, logger: quiet, notifyIngest: () => {}, now: () => clock.now, random: () => 0.5 });
  outbox = createOutboxWorker({ db: t.database.db, config: t.config, logger: quiet, now: () => clock.now, backoff: { baseMs: 5, maxMs: 20 } });
  video = world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 10 * MIN), caption: "serum restock" });
});
afterAll(async () => {
  server?.close();
  await t?.close();
});

/** Delivers the webhooks TikTok queued (signed now, as TikTok signs), then ingests them. */
async function deliverWebhooks() {
  for (const delivery of emulator.takeDeliveries({ clientSecret: TEST_TIKTOK_CLIENT_SECRET, at: new Date() })) {
    expect((await t.app.request("/webhooks/tiktok", delivery.init)).status).toBe(200);
  }
  await t.ingest.drain();
}

/** What Surgedesk's workers would have done by now: the due polls, the webhooks, ingestion. */
async function gather() {
  for (let round = 0; round < 10; round++) {
    catchUp();
    if ((await sync.drain()) === 0) break;
  }
  await deliverWebhooks();
}

const messageOf = async (externalId: string) =>
  (await t.database.db.select().from(messages).where(and(eq(messages.platform, "tiktok"), eq(messages.externalId, externalId))))[0]!;

async function buyerAsks(text: string): Promise<{ comment: EmulatedComment; messageId: string }> {
  const comment = world.addComment(video.itemId, { userId: `-000buyer${Math.random().toString(36).slice(2)}`, username: "maria.glows", text });
  await gather();
  return { comment, messageId: (await messageOf(comment.commentId)).id };
}

async function replyPublicly(messageId: string, text: string): Promise<OutboxItem> {
  const res = await t.app.send("POST", `/api/replies/${messageId}/send`, { text, channel: "public" });
  expect(res.status).toBe(202);
  catchUp();
  await outbox.drain({ timeoutMs: 10_000 });
  const listed = (await (await t.app.request(`/api/replies/${messageId}/outbox`)).json()) as { items: OutboxItem[] };
  return listed.items.at(-1)!;
}

const outboxItem = async (messageId: string) => ((await (await t.app.request(`/api/replies/${messageId}/outbox`)).json()) as { items: OutboxItem[] }).items.at(-1)!;

describe("sent is not seen: TikTok replies followed until they are public", () => {
  it("a reply TikTok shows publicly is confirmed visible by its set_to_public webhook", async () => {
    const { messageId } = await buyerAsks("is the serum back in stock?");
    const sent = await replyPublicly(messageId, "Yes! It's back in stock today 💛");
    expect(sent).toMatchObject({ status: "sent", visibilityCheck: "pending", platformState: null });

    await deliverWebhooks();
    await checkReplyVisibility(t.database.db, clock.now);
    expect(await outboxItem(messageId)).toMatchObject({ visibilityCheck: "visible", platformState: null });
    // The webhook's copy of the brand's reply is the reply already in the thread, not a new message.
    const thread = await t.database.db.select().from(messages).where(eq(messages.externalId, sent.externalId!));
    expect(thread).toEqual([expect.objectContaining({ direction: "outbound", visibility: "visible" })]);
  });

  it("a reply held back as spam is marked sent but not visible, with TikTok's state, after the next poll", async () => {
    const { comment, messageId } = await buyerAsks("mine never arrived");
    const sent = await replyPublicly(messageId, "So sorry! Message us on WhatsApp and we'll fix it");
    expect(world.comments.get(sent.externalId!)).toMatchObject({ status: "HIDDEN", parentCommentId: comment.commentId });

    // Only the insert arrives: no set_to_public ever comes for it.
    await deliverWebhooks();
    await checkReplyVisibility(t.database.db, clock.now);
    expect((await outboxItem(messageId)).visibilityCheck).toBe("pending");

    // The send brought the video's poll forward: a minute later the list shows the reply hidden.
    advance(61_000);
    await gather();
    expect((await messageOf(sent.externalId!)).visibility).toBe("hidden");
    // The video's comment webhooks are arriving: its polling rests to 15 minutes (reconciliation).
    const [cursor] = await t.database.db.select().from(syncCursors).where(and(eq(syncCursors.resource, "tiktok.video_comments"), eq(syncCursors.resourceId, video.itemId)));
    expect(cursor!.lastPushedAt).not.toBeNull();
    expect(cursor!.nextPollAt.getTime() - cursor!.lastPolledAt!.getTime()).toBe(15 * MIN);
    await checkReplyVisibility(t.database.db, clock.now);
    expect(await outboxItem(messageId)).toMatchObject({ status: "sent", visibilityCheck: "not_visible", platformState: "hidden" });
    const [row] = await t.database.db.select().from(replyOutbox).where(eq(replyOutbox.messageId, messageId));
    expect(row!.visibilityDueAt!.getTime() - row!.sentAt!.getTime()).toBe(t.config.replyVisibilityTimeoutMs);

    // If TikTok later lets it through, the reply is visible after all.
    advance(5_000);
    world.setCommentVisibility(sent.externalId!, "set_to_public");
    await deliverWebhooks();
    await checkReplyVisibility(t.database.db, clock.now);
    expect(await outboxItem(messageId)).toMatchObject({ visibilityCheck: "visible", platformState: null });
  });

  it("a reply never reported public by its time is marked not visible, never shown public", async () => {
    const { messageId } = await buyerAsks("do you ship to Chile?");
    const sent = await replyPublicly(messageId, "We do! Ping us on whatsapp for rates");
    await deliverWebhooks();
    await checkReplyVisibility(t.database.db, new Date(clock.now.getTime() + t.config.replyVisibilityTimeoutMs - 1000));
    expect((await outboxItem(messageId)).visibilityCheck).toBe("pending");
    await checkReplyVisibility(t.database.db, new Date(clock.now.getTime() + t.config.replyVisibilityTimeoutMs + 1000));
    expect(await outboxItem(messageId)).toMatchObject({ visibilityCheck: "not_visible", platformState: "not_public" });
    expect(sent.status).toBe("sent");
  });

  it("does not follow DMs or platforms that show what they accept", async () => {
    const rows = await t.database.db.select().from(replyOutbox);
    expect(rows.filter((r) => r.kind !== "public_reply").every((r) => r.visibilityCheck === null)).toBe(true);
  });
});
