import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { OutboxItem, SuggestionsResponse } from "@surgedesk/shared";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedAccount } from "@surgedesk/devkit/emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld, type EmulatedAccount, type EmulatedMedia } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { createTikTokEmulator } from "@surgedesk/devkit/emulators/tiktok/tiktok-emulator.ts";
import { connectEmulatedBusiness } from "@surgedesk/devkit/emulators/tiktok/connect-emulated-business.ts";
import { auditEvents, messageFirstResponses, messages, posts } from "../api/src/db/schema/index.ts";
import { createLogger } from "../api/src/lib/logger.ts";
import { newId } from "../api/src/lib/ids.ts";
import { createOutboxWorker, type OutboxWorker } from "../api/src/outbox/outbox-worker.ts";
import { seedMessage } from "@surgedesk/devkit/testing/seed-messages.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";

const DAY = 86_400_000;

describe("sending replies through the outbox", () => {
  const world = new InstagramWorld();
  const tiktok = createTikTokEmulator();
  const emulator = startEmulatorServer([...instagramGraphHandlers(world), ...tiktok.handlers]);
  let t: TestApp;
  let worker: OutboxWorker;
  let ig: EmulatedAccount;
  let media: EmulatedMedia;
  let igAccountId: string;
  let ttAccountId: string;
  let ttPostId: string;
  const business = tiktok.world.addBusiness();
  const video = tiktok.world.addVideo(business.businessId);

  beforeAll(async () => {
    t = await createTestApp();
    ig = world.addAccount({ username: "glowbar.co" });
    media = world.addMedia(ig.id);
    igAccountId = (await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, ig)).id;
    ttAccountId = (await connectEmulatedBusiness(t.database.db, t.config, t.workspaceId, business)).id;
    ttPostId = newId("post");
    await t.database.db.insert(posts).values({ id: ttPostId, workspaceId: t.workspaceId, accountId: ttAccountId, platform: "tiktok", externalId: video.itemId, productType: "VIDEO" } as typeof posts.$inferInsert);
    worker = createOutboxWorker({ db: t.database.db, config: t.config, logger: createLogger("silent"), backoff: { baseMs: 5, maxMs: 20 } });
  });
  afterAll(async () => {
    await t?.close();
    emulator.close();
  });
  beforeEach(() => world.faults.clear());

  async function igComment(text: string, options: { ageMs?: number } = {}) {
    const at = new Date(Date.now() - (options.ageMs ?? 60_000));
    const comment = world.addComment(media.id, { text, timestamp: at, from: { id: `igsid-${Math.random()}`, username: "buyer_maya" } });
    const message = await seedMessage(
      t.database.db,
      { workspaceId: t.workspaceId, accountId: igAccountId },
      { externalId: comment.id, authorExternalId: comment.from.id, text, createdAt: at, classified: true },
    );
    return { comment, message };
  }

  it("moves an Instagram comment to DM: a public acknowledgement and one Private Reply, recorded in the thread", async () => {
    const { comment, message } = await igComment("where is my order #1042?? been 2 weeks");
    const suggestions = (await (await t.app.request(`/api/replies/${message.id}/suggestions`)).json()) as SuggestionsResponse;
    expect(suggestions.commentToDm).toEqual({ available: true, reason: null, mode: "private_reply" });
    expect(suggestions.suggestions).toHaveLength(3);

    const res = await t.app.send("POST", `/api/replies/${message.id}/comment-to-dm`, { publicText: "Hi @buyer_maya, so sorry! We've sent you a DM 💌", privateText: "Hi Maya! Order #1042 shipped, tracking on its way.", idempotencyKey: "action-test-0001" });
    expect(res.status).toBe(202);
    const again = await t.app.send("POST", `/api/replies/${message.id}/comment-to-dm`, { publicText: "Hi @buyer_maya, so sorry! We've sent you a DM 💌", privateText: "Hi Maya! Order #1042 shipped, tracking on its way.", idempotencyKey: "action-test-0001" });
    // The same request twice is the same two rows, not four.
    expect(((await again.json()) as { items: OutboxItem[] }).items).toHaveLength(2);
    await worker.drain();

    expect(world.sent.filter((s) => s.commentId === comment.id)).toHaveLength(1);
    expect(world.visibleThread(comment.id).filter((r) => r.from.id === ig.id)).toHaveLength(1);
    const outbox = (await (await t.app.request(`/api/replies/${message.id}/outbox`)).json()) as { items: OutboxItem[] };
    expect(outbox.items.map((i) => i.status)).toEqual(["sent", "sent"]);

    const thread = await t.database.db.select().from(messages).where(eq(messages.threadKey, message.threadKey));
    expect(thread.filter((m) => m.direction === "outbound").map((m) => m.kind).sort()).toEqual(["comment", "dm"]);
    const [updated] = await t.database.db.select().from(messages).where(eq(messages.id, message.id));
    expect(updated?.status).toBe("closed");
    expect(await t.database.db.select().from(messageFirstResponses).where(eq(messageFirstResponses.messageId, message.id))).toHaveLength(1);
    const audits = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.workspaceId, t.workspaceId), eq(auditEvents.action, "reply.sent")));
    expect(audits.some((a) => (a.after as { text?: string }).text?.includes("Order #1042"))).toBe(true);
  });

  it("refuses a second Private Reply to the same comment before anything is sent", async () => {
    const { message } = await igComment("package never came");
    expect((await t.app.send("POST", `/api/replies/${message.id}/comment-to-dm`, { publicText: "We've sent you a DM!", privateText: "Hi! Let's look into it." })).status).toBe(202);
    const second = await t.app.send("POST", `/api/replies/${message.id}/comment-to-dm`, { publicText: "DM sent!", privateText: "Hi again" });
    expect(second.status).toBe(400);
    expect(((await second.json()) as { error: { message: string } }).error.message).toMatch(/one Private Reply per comment/);
    // The composer is told before anything is typed: a DM is closed, with the reason; public is open.
    const { replyOptions } = (await (await t.app.request(`/api/replies/${message.id}/suggestions`)).json()) as SuggestionsResponse;
    expect(replyOptions.public).toEqual({ available: true, reason: null });
    expect(replyOptions.private.available).toBe(false);
    expect(replyOptions.private.reason).toMatch(/one Private Reply per comment/);
    await worker.drain();
  });

  it("refuses a Private Reply more than 7 days after the comment", async () => {
    const { message } = await igComment("still waiting", { ageMs: 8 * DAY });
    const res = await t.app.send("POST", `/api/replies/${message.id}/comment-to-dm`, { publicText: "We've sent you a DM!", privateText: "Hi!" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/within 7 days/);
    const suggestions = (await (await t.app.request(`/api/replies/${message.id}/suggestions`)).json()) as SuggestionsResponse;
    expect(suggestions.commentToDm.available).toBe(false);
    expect(suggestions.suggestions.every((s) => s.macro.channel !== "private")).toBe(true);
    expect(suggestions.replyOptions.private.reason).toMatch(/within 7 days/);
    expect(suggestions.replyOptions.public.available).toBe(true);
  });

  it("refuses a public reply carrying an order number, email or tracking number", async () => {
    const { message } = await igComment("where's my stuff");
    for (const text of ["Your order #1042 shipped!", "Write to maya.r@example.com", "Tracking 1Z999AA10123456784"]) {
      const res = await t.app.send("POST", `/api/replies/${message.id}/send`, { text, channel: "public" });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/must not contain/);
    }
  });

  it("refuses a reply that still has an unfilled variable", async () => {
    const { message } = await igComment("where's my order");
    const res = await t.app.send("POST", `/api/replies/${message.id}/send`, { text: "Order {{order_id}} is on its way", channel: "private" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("{{order_id}}");
  });

  it("refuses sends by a viewer", async () => {
    const { message } = await igComment("hello?");
    const viewer = await t.tokenFor("viewer");
    const res = await t.anonymous.send("POST", `/api/replies/${message.id}/send`, { text: "Hi there!", channel: "public" }, viewer);
    expect(res.status).toBe(403);
    const move = await t.anonymous.send("POST", `/api/replies/${message.id}/comment-to-dm`, { publicText: "DM sent", privateText: "Hi" }, viewer);
    expect(move.status).toBe(403);
  });

  it("on TikTok, makes the move a public reply inviting a message, within 150 characters", async () => {
    const comment = tiktok.world.addComment(video.itemId, { userId: "7000000001", username: "buyer_ana", text: "mi pedido no llega" });
    const message = await seedMessage(
      t.database.db,
      { workspaceId: t.workspaceId, accountId: ttAccountId },
      {
        platform: "tiktok",
        externalId: comment.commentId,
        authorExternalId: comment.userId,
        authorHandle: "buyer_ana",
        text: comment.text,
        postId: ttPostId,
        classified: true,
      },
    );
    const suggestions = (await (await t.app.request(`/api/replies/${message.id}/suggestions`)).json()) as SuggestionsResponse;
    expect(suggestions.commentToDm.mode).toBe("public_invite");
    expect(suggestions.replyOptions.public).toEqual({ available: true, reason: null });
    expect(suggestions.replyOptions.private.reason).toMatch(/TikTok has no way to send a DM from a comment/);
    expect(suggestions.suggestions.some((x) => x.macro.key?.startsWith("comment_to_dm_ack."))).toBe(false);
    expect((await t.app.send("POST", `/api/replies/${message.id}/send`, { text: "Hi", channel: "private" })).status).toBe(400);
    expect((await t.app.send("POST", `/api/replies/${message.id}/send`, { text: "x".repeat(151), channel: "public" })).status).toBe(400);
    const res = await t.app.send("POST", `/api/replies/${message.id}/comment-to-dm`, { publicText: "¡Hola @buyer_ana! Escríbenos por mensaje desde nuestro perfil 💌" });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { mode: string; items: OutboxItem[] }).items).toHaveLength(1);
    await worker.drain();
    expect(tiktok.world.commentsOf(video.itemId, comment.commentId).filter((c) => c.owner)).toHaveLength(1);
  });
});
