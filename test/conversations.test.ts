import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageContext, MessageDetail, MessagePage, QueueCounts } from "@surgedesk/shared";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { readJsonFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { connectDeliveryAccount, instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { recountQueues } from "@surgedesk/api/queues/recount-queues.ts";
import { reclassifyMessages } from "@surgedesk/api/messages/reclassify-messages.ts";
import { testClassifier } from "@surgedesk/devkit/testing/test-classifier.ts";
import { readStoredSpikeMetrics, recountSpikeMetrics } from "@surgedesk/api/spikes/metrics/recount-spike-metrics.ts";

/**
 * Conversations are the unit of triage: a buyer's DMs to one account are one item, and so are a
 * buyer's comments within one comment thread. Delivered through the signed webhooks and the
 * ingest worker, as the platforms send them.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await connectDeliveryAccount(t);
});
afterAll(async () => {
  await t?.close();
});

interface DmDelivery {
  entry: { time: number; messaging: { sender: { id: string }; timestamp: number; message: { mid: string; text?: string; attachments?: unknown[] } }[] }[];
}

const PHOTO = Symbol("a photo");

let sequence = 0;
// Each message a minute after the last, written in the last hours, so SLA clocks are running.
let clock = Date.now() - 3 * 3600_000;

/** Instagram DMs from one buyer, in one delivery (Meta batches a burst). */
async function dms(sender: string, ...texts: (string | typeof PHOTO)[]) {
  const body = readJsonFixture<DmDelivery>("instagram/dm.json");
  const template = body.entry[0]!.messaging[0]!;
  body.entry[0]!.messaging = texts.map((text) => {
    sequence += 1;
    clock += 60_000;
    const mid = `aWdfZG1faWQ6conversations${sequence}`;
    // PHOTO: a picture with no words, as Meta sends it.
    const message = text === PHOTO ? { mid, attachments: [{ type: "image", payload: { url: `https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=${sequence}` } }] } : { mid, text };
    return { ...template, sender: { id: sender }, timestamp: clock, message };
  });
  const res = await t.app.request("/webhooks/instagram", signedInstagramPost(JSON.stringify(body)));
  expect(res.status).toBe(200);
  await t.ingest.drain();
}

/** A JSON request (through the test app's `send`) that must answer `status`; its body. */
async function json<T>(path: string, method = "GET", body?: unknown, status = 200): Promise<T> {
  const res = await t.app.send(method, path, body);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(status);
  return (await res.json()) as T;
}

const patch = (id: string, body: unknown) => json<MessageDetail>(`/api/messages/${id}`, "PATCH", body);

/** The sender's items in a queue. */
async function itemsOf(sender: string, query = "queue=all") {
  const page = await json<MessagePage>(`/api/messages?${query}&platform=instagram&limit=200`);
  return page.items.filter((m) => m.authorExternalId === sender);
}

async function count(queue: string) {
  const { queues } = await json<QueueCounts>("/api/queues");
  return queues.find((q) => q.id === queue)!.count;
}

async function expectCountsEqualRecount() {
  const { queues, asOf } = await json<QueueCounts>("/api/queues");
  const scope = { workspaceId: t.workspaceId, userId: "nobody", now: new Date(asOf) };
  expect(queues).toEqual(await recountQueues(t.database.db, scope));
}

describe("a buyer's DMs are one item", () => {
  const buyer = "1254477180031001";

  it("five DMs from one buyer, in two deliveries, are one item with one timer", async () => {
    const before = await count("needs_reply");
    await dms(buyer, "hi", "my order #10482 still hasn't shipped");
    await dms(buyer, "it's been 2 weeks", "hello??", "can someone answer please");
    const items = await itemsOf(buyer);
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item).toMatchObject({ text: "can someone answer please", itemSize: 5, status: "open" });
    expect(item!.itemId).toBe(item!.id);
    expect(await count("needs_reply")).toBe(before + 1);

    // The timer runs from the buyer's first message, not their latest.
    const context = await json<MessageContext>(`/api/messages/${item!.id}/context`);
    expect(context.item.map((m) => m.text)).toEqual(["hi", "my order #10482 still hasn't shipped", "it's been 2 weeks", "hello??", "can someone answer please"]);
    const first = context.item[0]!;
    expect(first.itemId).toBe(item!.id);
    expect(item!.slaBreachAt).toBe(first.slaBreachAt);
    await expectCountsEqualRecount();
  });

  it("keeps the item's case type when the buyer's next message says nothing of the case", async () => {
    const buyer2 = "1254477180031004";
    await dms(buyer2, "the bottle arrived completely smashed, glass everywhere");
    const [first] = await itemsOf(buyer2);
    await dms(buyer2, "ok");
    const context = await json<MessageContext>(`/api/messages/${first!.id}/context`);
    const [item] = await itemsOf(buyer2);
    expect(item!.id).not.toBe(first!.id);
    expect(item!.label).toBe(first!.label);
    expect(context.item.map((m) => m.text)).toEqual(["the bottle arrived completely smashed, glass everywhere", "ok"]);

    // A model reading the messages again (a promotion, an order's escalation) keeps it too.
    const result = await reclassifyMessages(t.database.db, testClassifier(), { workspaceId: t.workspaceId });
    expect(result.examined).toBeGreaterThan(0);
    const [again] = await itemsOf(buyer2);
    expect(again).toMatchObject({ id: item!.id, label: first!.label });
    await expectCountsEqualRecount();
  });

  it("a photo alone shows, in the list, the buyer's last words before it", async () => {
    const buyer4 = "1254477180031009";
    await dms(buyer4, "the lid cracked in transit", PHOTO);
    const [item] = await itemsOf(buyer4);
    expect(item).toMatchObject({ text: "[1 attachment]", itemWords: "the lid cracked in transit", itemSize: 2 });
    const [words] = await itemsOf(buyer);
    expect(words!.itemWords).toBeNull();
  });

  it("finds the item by the words of an earlier message", async () => {
    const found = await json<MessagePage>(`/api/messages?queue=all&q=${encodeURIComponent("10482")}&limit=50`);
    expect(found.items.filter((m) => m.authorExternalId === buyer).map((m) => m.text)).toEqual(["can someone answer please"]);
  });

  it("a change made from an earlier message lands on the item", async () => {
    const [item] = await itemsOf(buyer);
    const context = await json<MessageContext>(`/api/messages/${item!.id}/context`);
    const updated = await patch(context.item[0]!.id, { assigneeId: "me" });
    expect(updated.id).toBe(item!.id);
    expect(updated.assigneeId).not.toBeNull();
  });

  it("a new message after resolve reopens the item, keeping its assignee and tags", async () => {
    const [item] = await itemsOf(buyer);
    const tag = await json<{ id: string }>("/api/tags", "POST", { name: "late order" }, 201);
    await json(`/api/messages/${item!.id}/tags`, "POST", { tagId: tag.id });
    await patch(item!.id, { status: "closed" });
    const openBefore = await count("needs_reply");
    expect(await itemsOf(buyer, "queue=needs_reply")).toHaveLength(0);

    await dms(buyer, "still nothing. i want a refund");
    const [reopened, ...others] = await itemsOf(buyer);
    expect(others).toHaveLength(0);
    expect(reopened).toMatchObject({ text: "still nothing. i want a refund", status: "open", itemSize: 6, assigneeId: item!.assigneeId });
    expect(reopened!.tags.map((x) => x.name)).toEqual(["late order"]);
    expect(await count("needs_reply")).toBe(openBefore + 1);
    // The old row is history within the item now.
    const old = await json<MessageDetail>(`/api/messages/${item!.id}`);
    expect(old.itemId).toBe(reopened!.id);
    await expectCountsEqualRecount();
  });

  it("pending waits on the customer with the clock stopped, and their reply reopens it", async () => {
    const [item] = await itemsOf(buyer);
    const pending = await patch(item!.id, { status: "pending" });
    expect(pending.status).toBe("pending");
    expect(pending.slaPausedAt).not.toBeNull();
    expect((await itemsOf(buyer, "queue=pending")).map((m) => m.id)).toEqual([item!.id]);
    await expectCountsEqualRecount();

    await dms(buyer, "ok here is the photo");
    const [reopened] = await itemsOf(buyer);
    expect(reopened).toMatchObject({ status: "open", text: "ok here is the photo" });
    expect(await itemsOf(buyer, "queue=pending")).toHaveLength(0);
    await expectCountsEqualRecount();
  });

  it("an item is as urgent as its most urgent open message", async () => {
    const angry = "1254477180031002";
    await dms(angry, "this is a SCAM, I'm reporting you to tiktok and my bank for a chargeback");
    const [first] = await itemsOf(angry);
    await dms(angry, "ok");
    const [item] = await itemsOf(angry);
    expect(item!.id).not.toBe(first!.id);
    expect(item!.escalationLevel).toBe(first!.escalationLevel);
  });

  it("a late message older than the item reopens it: audited, with the spike counts kept", async () => {
    const buyer3 = "1254477180031007";
    await dms(buyer3, "my parcel never came");
    const [item] = await itemsOf(buyer3);
    await patch(item!.id, { status: "closed" });

    // A DM written before the item's message that arrives after it (a late delivery) joins the
    // item as history; the item is the customer's to answer again.
    const latest = clock;
    clock -= 30 * 60_000;
    await dms(buyer3, "order #10777 btw");
    clock = latest;
    const [reopened, ...others] = await itemsOf(buyer3);
    expect(others).toHaveLength(0);
    expect(reopened).toMatchObject({ id: item!.id, text: "my parcel never came", status: "open", itemSize: 2 });

    const audit = await json<{ items: { action: string; actorUserId: string | null; after: unknown }[] }>(`/api/audit?entityId=${item!.id}`);
    expect(audit.items[0]).toMatchObject({ action: "message.reopened_by_customer", actorUserId: null, after: { status: "open" } });
    const recount = await recountSpikeMetrics(t.database.db, t.workspaceId);
    const kept = await readStoredSpikeMetrics(t.database.db, t.workspaceId);
    expect(Object.fromEntries(kept.backlog)).toEqual(Object.fromEntries(recount.backlog));
    expect(Object.fromEntries(kept.buckets)).toEqual(Object.fromEntries(recount.buckets));
    await expectCountsEqualRecount();
  });

  it("another buyer's DMs are another item", async () => {
    await dms("1254477180031003", "do you ship to canada?");
    expect(await itemsOf("1254477180031003")).toHaveLength(1);
    expect(await itemsOf(buyer)).toHaveLength(1);
  });
});

describe("a buyer's comments in one thread are one item", () => {
  async function comment(text: string, from: { id: string; username: string }, parentId?: string) {
    const delivery = instagramCommentDelivery({ text, mediaId: "18100000000000777", ...(parentId && { parentId }) });
    const body = JSON.parse(delivery.body) as { entry: { changes: { value: { from: unknown } }[] }[] };
    body.entry[0]!.changes[0]!.value.from = from;
    const res = await t.app.request("/webhooks/instagram", signedInstagramPost(JSON.stringify(body)));
    expect(res.status).toBe(200);
    await t.ingest.drain();
    return delivery.commentId;
  }

  it("groups one buyer's comments under a thread, and keeps another buyer's apart", async () => {
    const ana = { id: "17841499991001", username: "ana.r" };
    const ben = { id: "17841499991002", username: "ben.k" };
    const top = await comment("does this come in a bigger size?", ana);
    await comment("and is it vegan?", ana, top);
    await comment("@ana.r yes it is!", ben, top);
    expect((await itemsOf(ana.id)).map((m) => [m.text, m.itemSize])).toEqual([["and is it vegan?", 2]]);
    expect((await itemsOf(ben.id)).map((m) => [m.text, m.itemSize])).toEqual([["@ana.r yes it is!", 1]]);
    // A new top-level comment is a new thread, so a new item.
    await comment("also, when is the restock?", ana);
    expect(await itemsOf(ana.id)).toHaveLength(2);
    await expectCountsEqualRecount();
  });
});
