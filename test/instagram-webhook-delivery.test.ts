import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message, MessageContext, MessagePage } from "@surgedesk/shared";
import { InstagramWorld } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import {
  commentWebhookBody,
  echoWebhookBody,
  messageWebhookBody,
  planDeliveries,
  signedDelivery,
} from "@surgedesk/devkit/emulators/instagram/webhook-deliveries.ts";
import { createTestApp, TEST_INSTAGRAM_SECRET, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";

/** Meta delivers at least once and in no promised order: the inbox must not care. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function deliver(bodies: string[]) {
  for (const body of bodies) {
    const res = await t.app.request("/webhooks/instagram", signedDelivery(body, TEST_INSTAGRAM_SECRET));
    expect(res.status).toBe(200);
  }
  await t.ingest.drain();
}

async function inbox(): Promise<Message[]> {
  const items: Message[] = [];
  let cursor: string | null = null;
  do {
    const res = await t.app.request(`/api/messages?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    const page = (await res.json()) as MessagePage;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const withIds = (items: Message[], ids: string[]) => items.filter((m) => ids.includes(m.externalId));

describe("Instagram webhooks delivered as Meta really delivers them", () => {
  it("keeps one message when the same comment is delivered 5 times", async () => {
    const world = new InstagramWorld();
    const media = world.addMedia(world.addAccount().id);
    const comment = world.addComment(media.id, { text: "where is my order #10482" });
    await deliver(planDeliveries([commentWebhookBody(world, comment)], { times: 5 }));
    const stored = withIds(await inbox(), [comment.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ text: "where is my order #10482", threadKey: `instagram:comment:${comment.id}` });
  });

  it("puts a reply delivered before its parent in the parent's thread, each delivered 5 times, in any order", async () => {
    const world = new InstagramWorld();
    const media = world.addMedia(world.addAccount().id);
    const parent = world.addComment(media.id, { text: "my package says delivered but it's not here" });
    const replies = [0, 1, 2].map((i) => world.addComment(media.id, { text: `same here ${i}`, parentId: parent.id }));
    const bodies = [parent, ...replies].map((c) => commentWebhookBody(world, c));

    // Replies first, then the parent; then everything again, shuffled.
    await deliver(planDeliveries(bodies, { order: "reverse" }));
    await deliver(planDeliveries(bodies, { times: 4, order: "shuffle" }));

    const ids = [parent, ...replies].map((c) => c.id);
    const stored = withIds(await inbox(), ids);
    expect(stored.map((m) => m.externalId).sort()).toEqual([...ids].sort());
    expect(new Set(stored.map((m) => m.threadKey))).toEqual(new Set([`instagram:comment:${parent.id}`]));
    expect(stored.filter((m) => m.parentExternalId === parent.id)).toHaveLength(3);
  });

  it("gathers live comments like comments", async () => {
    const world = new InstagramWorld();
    const live = world.addMedia(world.addAccount().id, { live: "on_air" });
    const comment = world.addComment(live.id, { text: "what shade is she wearing??" });
    const body = commentWebhookBody(world, comment);
    expect(JSON.parse(body).entry[0].changes[0].field).toBe("live_comments");
    await deliver([body]);
    expect(withIds(await inbox(), [comment.id])).toEqual([expect.objectContaining({ kind: "comment", direction: "inbound" })]);
  });

  it("keeps a DM and the brand's echo in one conversation, the echo as the brand's own", async () => {
    const world = new InstagramWorld();
    const brand = world.addAccount();
    const dm = world.receiveMessage(brand.id, { from: "1254477180031415", text: "hi, my package says delivered but nothing came" });
    const sent = world.send(brand, { recipient: { id: "1254477180031415" }, message: { text: "So sorry! Could you send your order number?" } });
    // The echo may well arrive first, and twice.
    await deliver(planDeliveries([messageWebhookBody(dm), echoWebhookBody(sent)], { times: 2, order: "reverse" }));

    // One item in the inbox, the buyer's message; the echo is shown within it.
    const [item, ...others] = withIds(await inbox(), [dm.mid, sent.messageId]);
    expect(others).toHaveLength(0);
    expect(item).toMatchObject({ externalId: dm.mid, itemSize: 2 });
    const context = (await (await t.app.request(`/api/messages/${item!.id}/context`)).json()) as MessageContext;
    const stored = withIds(context.item, [dm.mid, sent.messageId]);
    expect(stored).toHaveLength(2);
    const thread = `instagram:dm:${brand.id}:1254477180031415`;
    expect(stored.find((m) => m.externalId === dm.mid)).toMatchObject({ kind: "dm", direction: "inbound", threadKey: thread, status: "open" });
    expect(stored.find((m) => m.externalId === sent.messageId)).toMatchObject({ kind: "dm", direction: "outbound", threadKey: thread, status: "closed" });
  });
});
