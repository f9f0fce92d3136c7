import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { OutboxItem } from "@surgedesk/shared";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedAccount } from "@surgedesk/devkit/emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld, type EmulatedAccount, type EmulatedMedia } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { replyOutbox } from "../api/src/db/schema/index.ts";
import { createLogger } from "../api/src/lib/logger.ts";
import { createOutboxWorker } from "../api/src/outbox/outbox-worker.ts";
import { seedMessage } from "@surgedesk/devkit/testing/seed-messages.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";

const quiet = createLogger("silent");

describe("the reply outbox under failures", () => {
  const world = new InstagramWorld();
  const emulator = startEmulatorServer(instagramGraphHandlers(world));
  let t: TestApp;
  let ig: EmulatedAccount;
  let media: EmulatedMedia;
  let accountId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ig = world.addAccount({ username: "glowbar.co" });
    media = world.addMedia(ig.id);
    accountId = (await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, ig)).id;
  });
  afterAll(async () => {
    await t?.close();
    emulator.close();
  });

  async function queueCommentToDm(text = "where is my order") {
    const comment = world.addComment(media.id, { text, from: { id: `igsid-${Math.random()}`, username: "buyer_maya" } });
    const message = await seedMessage(t.database.db, { workspaceId: t.workspaceId, accountId }, { externalId: comment.id, authorExternalId: comment.from.id, text, classified: true });
    const res = await t.app.send("POST", `/api/replies/${message.id}/comment-to-dm`, { publicText: "So sorry! We've sent you a DM 💌", privateText: "Hi! Let's sort out your order here." });
    expect(res.status).toBe(202);
    return { comment, message };
  }
  const privateRepliesTo = (commentId: string) => world.sent.filter((s) => s.commentId === commentId).length;
  const publicRepliesTo = (commentId: string) => world.visibleThread(commentId).filter((r) => r.from.id === ig.id).length;

  it("retries 429 (honouring Retry-After) and 500 until delivered, exactly once each", async () => {
    const { comment, message } = await queueCommentToDm();
    world.faults.clear();
    world.faults.throttle(2, { as: 429, retryAfterSec: 1 }).serverErrors(2);
    const worker = createOutboxWorker({ db: t.database.db, config: t.config, logger: quiet, backoff: { baseMs: 10, maxMs: 50 } });
    const started = Date.now();
    await worker.drain({ timeoutMs: 20_000 });
    // Two 429s asked for a second each: the rows waited at least that long.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(privateRepliesTo(comment.id)).toBe(1);
    expect(publicRepliesTo(comment.id)).toBe(1);
    const rows = await t.database.db.select().from(replyOutbox).where(eq(replyOutbox.messageId, message.id));
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
    expect(rows.reduce((n, r) => n + r.attempts, 0)).toBe(6);
  });

  it("gives up after its bound and shows the failure", async () => {
    const { message } = await queueCommentToDm();
    world.faults.clear();
    world.faults.serverErrors(Infinity);
    const worker = createOutboxWorker({ db: t.database.db, config: t.config, logger: quiet, backoff: { baseMs: 1, maxMs: 5 }, maxAttempts: 3 });
    await worker.drain();
    world.faults.clear();
    const { items } = (await (await t.app.request(`/api/replies/${message.id}/outbox`)).json()) as { items: OutboxItem[] };
    expect(items.map((i) => i.status)).toEqual(["failed", "failed"]);
    const privateReply = items.find((i) => i.kind === "private_reply");
    expect(privateReply?.attempts).toBe(3);
    expect(privateReply?.lastError).toMatch(/Gave up after 3 attempts/);
    // After its first failed send the public reply checks Instagram before each resend; checks
    // that could not be made are not failed sends, so it is tried up to twice the bound.
    const publicReply = items.find((i) => i.kind === "public_reply");
    expect(publicReply?.attempts).toBe(6);
    expect(publicReply?.lastError).toMatch(/Gave up after 6 attempts/);
  });

  it("a worker killed between the platform's answer and the record, then restarted, delivers exactly once", async () => {
    const { comment, message } = await queueCommentToDm("never got my package");
    world.faults.clear();
    // The first worker's platform calls go through, but it dies before hearing the answers.
    const dying: typeof fetch = async (input, init) => {
      await fetch(input, init);
      return new Promise<Response>(() => {});
    };
    const first = createOutboxWorker({ db: t.database.db, config: t.config, logger: quiet, fetch: dying, leaseMs: 300, concurrency: 2 });
    void first.runOnce();
    await expect.poll(() => privateRepliesTo(comment.id) + publicRepliesTo(comment.id), { timeout: 10_000, interval: 10 }).toBe(2);
    expect(privateRepliesTo(comment.id)).toBe(1);
    expect(publicRepliesTo(comment.id)).toBe(1);
    const midway = await t.database.db.select().from(replyOutbox).where(eq(replyOutbox.messageId, message.id));
    expect(midway.map((r) => r.status)).toEqual(["sending", "sending"]);

    // A new process: once the dead worker's lease is over, it takes the rows, finds the replies
    // on Instagram (the comment's replies; the Private Reply's once-per-comment rule) and records them.
    // Wait for the dead worker's leases to run out by the database's record, not by a fixed
    // sleep: on a busy machine its claim may have come late.
    for (;;) {
      const leased = await t.database.db.select().from(replyOutbox).where(eq(replyOutbox.messageId, message.id));
      if (leased.every((r) => r.leaseUntil !== null && r.leaseUntil.getTime() < Date.now())) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const restarted = createOutboxWorker({ db: t.database.db, config: t.config, logger: quiet, leaseMs: 300 });
    await restarted.drain();
    expect(privateRepliesTo(comment.id)).toBe(1);
    expect(publicRepliesTo(comment.id)).toBe(1);
    const rows = await t.database.db.select().from(replyOutbox).where(eq(replyOutbox.messageId, message.id));
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
    // Both rows were taken over from the dead worker: their first attempt is marked uncertain.
    expect(rows.map((r) => r.uncertainSince !== null)).toEqual([true, true]);
    expect(rows.every((r) => r.attempts >= 2)).toBe(true);
    expect(rows.find((r) => r.kind === "public_reply")?.externalId).toBe(world.visibleThread(comment.id).find((r) => r.from.id === ig.id)?.id);
  });
});
