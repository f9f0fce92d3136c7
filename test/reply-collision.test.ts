import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { OutboxItem } from "@surgedesk/shared";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedAccount } from "@surgedesk/devkit/emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { seedMessage } from "@surgedesk/devkit/testing/seed-messages.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { replyOutbox, users } from "../api/src/db/schema/index.ts";

/**
 * Two agents on one buyer: a reply queued by a colleague after the console showed the message
 * stops the send (409, naming who and what), and the same send with that reply seen goes
 * through. Nothing is queued by the refused request.
 */
describe("the collision guard on replies", () => {
  const world = new InstagramWorld();
  const emulator = startEmulatorServer(instagramGraphHandlers(world));
  let t: TestApp;
  let accountId: string;
  let avery: string;
  let sam: string;

  const send = (token: string, messageId: string, body: Record<string, unknown>, path = "send") =>
    t.app.request(`/api/replies/${messageId}/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  const nameUser = async (token: string, name: string) => {
    const me = (await (await t.app.request("/api/auth/me", { headers: { authorization: `Bearer ${token}` } })).json()) as { user: { id: string } };
    await t.database.db.update(users).set({ name }).where(eq(users.id, me.user.id));
  };
  const comment = async (text: string) => {
    const media = world.addMedia(world.addAccount({ username: `brand${Math.random()}` }).id);
    const posted = world.addComment(media.id, { text, timestamp: new Date(Date.now() - 60_000), from: { id: `igsid-${Math.random()}`, username: "buyer_maya" } });
    return seedMessage(t.database.db, { workspaceId: t.workspaceId, accountId }, { externalId: posted.id, authorExternalId: posted.from.id, text, createdAt: posted.timestamp, classified: true });
  };
  const outboxRows = (messageId: string) => t.database.db.select().from(replyOutbox).where(eq(replyOutbox.messageId, messageId));

  beforeAll(async () => {
    t = await createTestApp();
    accountId = (await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, world.addAccount({ username: "glowbar.co" }))).id;
    avery = await t.tokenFor("agent");
    sam = await t.tokenFor("agent");
    await nameUser(avery, "Avery");
    await nameUser(sam, "Sam");
  });
  afterAll(async () => {
    await t?.close();
    emulator.close();
  });

  it("stops a reply when a colleague answered since the message was opened, and lets it through once seen", async () => {
    const message = await comment("is the serum safe for sensitive skin?");
    // Both open the message: no replies yet. Sam answers first.
    const samSent = await send(sam, message.id, { text: "Yes! It's fragrance-free and dermatologist tested 💛", channel: "public", seenReplyIds: [] });
    expect(samSent.status).toBe(202);
    const [samReply] = ((await samSent.json()) as { items: OutboxItem[] }).items;

    // Avery's console had shown no reply: stopped, told who answered and what.
    const refused = await send(avery, message.id, { text: "Hi! Yes, it suits sensitive skin.", channel: "public", seenReplyIds: [] });
    expect(refused.status).toBe(409);
    const error = ((await refused.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/^Sam replied to this message since you opened it \(“Yes! It's fragrance-free and dermatologist tested 💛”\)\. Read it below/);
    expect(await outboxRows(message.id)).toHaveLength(1);

    // The move to DM is guarded the same way.
    const move = await send(avery, message.id, { publicText: "We've sent you a DM 💌", privateText: "Hi Maya, here is more about the serum.", seenReplyIds: [] }, "comment-to-dm");
    expect(move.status).toBe(409);

    // Having seen Sam's reply, Avery may still add one.
    const seen = await send(avery, message.id, { text: "Also: patch-test it first on your wrist 🙂", channel: "public", seenReplyIds: [samReply!.id] });
    expect(seen.status).toBe(202);
    expect(await outboxRows(message.id)).toHaveLength(2);
  });

  it("is not held back by the agent's own replies, by failed ones, or when the request does not say what it has seen", async () => {
    const message = await comment("do you ship to Canada?");
    const ids = async (response: Response) => {
      expect(response.status).toBe(202);
      return ((await response.json()) as { items: OutboxItem[] }).items.map((item) => item.id);
    };
    const first = await ids(await send(avery, message.id, { text: "We do! 5–8 days.", channel: "public", seenReplyIds: [] }));
    // Avery's own second reply (another tab) is not a collision.
    const second = await ids(await send(avery, message.id, { text: "Duties are included.", channel: "public", seenReplyIds: [] }));

    // A colleague's reply that failed never reached the buyer.
    const [samSent] = await ids(await send(sam, message.id, { text: "Yes, we ship there.", channel: "public", seenReplyIds: [...first, ...second] }));
    await t.database.db.update(replyOutbox).set({ status: "failed", lastError: "rejected" }).where(eq(replyOutbox.id, samSent!));
    expect((await send(avery, message.id, { text: "Tracking comes by email.", channel: "public", seenReplyIds: [] })).status).toBe(202);

    // A script that does not name what it has seen is not checked.
    expect((await send(sam, message.id, { text: "Free shipping over $50 too!", channel: "public" })).status).toBe(202);
  });

  it("refuses a malformed list of seen replies with a 400", async () => {
    const message = await comment("hi");
    const response = await send(avery, message.id, { text: "Hello!", channel: "public", seenReplyIds: "all" });
    expect(response.status).toBe(400);
    expect(await outboxRows(message.id)).toHaveLength(0);
  });
});
