import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessagePage, MessageContext } from "@surgedesk/shared";
import { connectEmulatedBusiness } from "@surgedesk/devkit/emulators/tiktok/connect-emulated-business.ts";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { TIKTOK_BUSINESS_API } from "@surgedesk/devkit/emulators/tiktok/business-api-handlers.ts";
import { createTikTokEmulator } from "@surgedesk/devkit/emulators/tiktok/tiktok-emulator.ts";
import { createInboundEventWriter } from "../api/src/ingest/inbound-event-writer.ts";
import { createTikTokBusinessClient } from "../api/src/platforms/tiktok/business-client.ts";
import { commentPageEventBody } from "../api/src/platforms/tiktok/comment-page-event.ts";
import { readJsonFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { createTestApp, TEST_TIKTOK_CLIENT_SECRET, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";

/** The emulated TikTok's clock: a few seconds pass between what buyers and the brand do. */
const clock = { now: new Date() };
const tick = () => {
  clock.now = new Date(Math.max(clock.now.getTime(), Date.now()) + 2000);
};
const emulator = createTikTokEmulator({ now: () => clock.now });
const { world } = emulator;
let server: ReturnType<typeof startEmulatorServer>;
let t: TestApp;

beforeAll(async () => {
  server = startEmulatorServer(emulator.handlers);
  t = await createTestApp();
});
afterAll(async () => {
  server?.close();
  await t?.close();
});

async function connectBrand() {
  const business = world.addBusiness({ businessId: `-000brand${Math.random().toString(36).slice(2)}` });
  await connectEmulatedBusiness(t.database.db, t.config, t.workspaceId, business);
  return business;
}

/** Delivers every webhook the emulated TikTok has queued, as asked; each must be accepted. */
async function deliverWebhooks(options: { copies?: number; order?: "sent" | "reversed" | "shuffled"; random?: () => number } = {}) {
  const deliveries = emulator.takeDeliveries({ clientSecret: TEST_TIKTOK_CLIENT_SECRET, ...options });
  for (const delivery of deliveries) {
    const res = await t.app.request("/webhooks/tiktok", delivery.init);
    expect(res.status, await res.clone().text()).toBe(200);
  }
  return deliveries.length;
}

/** What an agent's console reads: the TikTok messages over the HTTP API. */
/** Every stored TikTok message: each item in the inbox, and the messages it holds. */
async function tiktokMessages(): Promise<MessagePage["items"]> {
  await t.ingest.drain();
  const res = await t.app.request("/api/messages?platform=tiktok&limit=200");
  expect(res.status).toBe(200);
  const all = new Map<string, MessagePage["items"][number]>();
  for (const item of ((await res.json()) as MessagePage).items) {
    const context = (await (await t.app.request(`/api/messages/${item.id}/context`)).json()) as MessageContext;
    for (const message of context.item) all.set(message.id, message);
  }
  return [...all.values()];
}

/** A small deterministic generator, so a shuffled order is the same on every run. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe("TikTok deliveries end in the right thread, once", () => {
  it("stores a DM delivered 5 times as one message", async () => {
    const business = await connectBrand();
    const dm = world.receiveDm(business.businessId, { fromUserId: "-000buyerFive", text: "my order #10482 never arrived" });
    expect(await deliverWebhooks({ copies: 5 })).toBe(5);
    const stored = (await tiktokMessages()).filter((m) => m.externalId === dm.messageId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ kind: "dm", direction: "inbound", status: "open" });
  });

  it("puts a conversation delivered twice over and shuffled (echo before the message it answers) in one thread", async () => {
    const business = await connectBrand();
    const client = createTikTokBusinessClient({ baseUrl: TIKTOK_BUSINESS_API, accessToken: business.accessToken });
    tick();
    const first = world.receiveDm(business.businessId, { fromUserId: "-000buyerShuffle", text: "hi, is anyone there?" });
    tick();
    world.receiveDm(business.businessId, { fromUserId: "-000buyerShuffle", text: "package says delivered but nothing came" });
    tick();
    await client.sendMessage({ businessId: business.businessId, conversationId: first.conversationId, text: "So sorry! Checking with the carrier now." });
    tick();
    world.markRead(first.conversationId);
    tick();
    world.receiveDm(business.businessId, { fromUserId: "-000buyerShuffle", text: "thank you!!" });

    expect(await deliverWebhooks({ copies: 2, order: "shuffled", random: seeded(7) })).toBe(10);
    const thread = (await tiktokMessages())
      .filter((m) => m.threadKey === `tiktok:dm:${business.businessId}:${first.conversationId}`)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect(thread.map((m) => [m.direction, m.text])).toEqual([
      ["inbound", "hi, is anyone there?"],
      ["inbound", "package says delivered but nothing came"],
      ["outbound", "So sorry! Checking with the carrier now."],
      ["inbound", "thank you!!"],
    ]);
    // The echo is the brand's: it needs no reply and was not classified as a customer's message.
    expect(thread[2]).toMatchObject({ status: "closed", label: null });
  });

  it("threads a reply gathered before its parent comment under that comment, with no duplicates", async () => {
    const businessId = "-000Kq2vYxLbN7c9RtUe4WmHs1pZ3aFd";
    const videoId = "7409876543210987654";
    const parentId = "7541002003004005006";
    const replies = commentPageEventBody({ businessId, videoId, commentId: parentId }, readJsonFixture("tiktok/reply-list-page.json"));
    const comments = commentPageEventBody({ businessId, videoId }, readJsonFixture("tiktok/comment-list-page.json"));
    // The reply page first, and every page five times over, as retries and re-polls can do.
    const events = createInboundEventWriter(t.database.db);
    for (let i = 0; i < 5; i++) await events.write({ format: "tiktok.comment_page", source: "poll", body: replies });
    for (let i = 0; i < 5; i++) await events.write({ format: "tiktok.comment_page", source: "poll", body: comments });

    const thread = (await tiktokMessages()).filter((m) => m.threadKey === `tiktok:comment:${parentId}`);
    expect(thread.map((m) => m.externalId).sort()).toEqual([
      "7541002003004005006",
      "7541002003004005050",
      "7541002003004005099",
      "7541002003004005120",
    ]);
    const parent = thread.find((m) => m.externalId === parentId);
    expect(parent).toMatchObject({ parentExternalId: null, text: "where is my order?? ordered 2 weeks ago #10482" });
    for (const reply of thread.filter((m) => m !== parent)) expect(reply.parentExternalId).toBe(parentId);
  });
});

describe("one buyer on TikTok is one contact", () => {
  it("links the buyer's comment (polled) and DM (webhook) to the same contact", async () => {
    const business = await connectBrand();
    const video = world.addVideo(business.businessId, { createdAt: new Date(Date.now() - 15 * 60_000) });
    const comment = world.addComment(video.itemId, { userId: "-000buyerBoth", username: "sam.buys", text: "where is my order??" });
    await t.sync.drain();
    await t.sync.drain();
    const dm = world.receiveDm(business.businessId, { fromUserId: "-000buyerBoth", text: "hi, it's Sam from the comments, order #20511" });
    await deliverWebhooks();

    const stored = await tiktokMessages();
    const fromComment = stored.find((m) => m.externalId === comment.commentId);
    const fromDm = stored.find((m) => m.externalId === dm.messageId);
    expect(fromComment).toMatchObject({ kind: "comment", authorHandle: "sam.buys" });
    expect(fromDm).toMatchObject({ kind: "dm" });
    expect(fromComment?.contactId).toBeTruthy();
    expect(fromDm?.contactId).toBe(fromComment?.contactId);
    expect(fromDm?.accountId).toBe(fromComment?.accountId);
  });
});
