import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedAccount } from "@surgedesk/devkit/emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { shopifyHandlers } from "@surgedesk/devkit/emulators/shopify/shopify-handlers.ts";
import { ShopifyStore, type EmulatedLineItem } from "@surgedesk/devkit/emulators/shopify/shopify-store.ts";
import { signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { messages, orderChecks } from "../api/src/db/schema/index.ts";
import { pruneOrderChecks } from "../api/src/orders/checks/enqueue-order-checks.ts";

const store = new ShopifyStore({ shopDomain: "glowbar-checks.myshopify.com", accessToken: "shpat_checks" });
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY);
const SERUM: EmulatedLineItem = { title: "Vitamin C Glow Serum", variantTitle: "30 ml", sku: "GLOW-C-30", quantity: 1, unitPrice: "29.00" };
const delivered = (daysAgo: number, number: string) => [
  { displayStatus: "DELIVERED", createdAt: at(-daysAgo - 4), deliveredAt: at(-daysAgo), estimatedDeliveryAt: at(-daysAgo), tracking: { number, url: `https://tools.usps.com/go/TrackConfirmAction?tLabels=${number}`, company: "USPS" } },
];

/** Instagram DMs as Meta delivers them (`messaging` entries), one per text, from one buyer. */
function dmDelivery(accountExternalId: string, buyerId: string, texts: string[]) {
  const now = Date.now();
  const messaging = texts.map((text, i) => ({
    sender: { id: buyerId },
    recipient: { id: accountExternalId },
    timestamp: now + i,
    message: { mid: `aWdfZAG1faXRlbTo${buyerId}${now}${i}`, text },
  }));
  return JSON.stringify({ object: "instagram", entry: [{ id: accountExternalId, time: now, messaging }] });
}

describe("order checks after ingestion", () => {
  const world = new InstagramWorld();
  const emulator = startEmulatorServer([...instagramGraphHandlers(world), ...shopifyHandlers(store)]);
  let t: TestApp;
  let accountExternalId: string;
  beforeAll(async () => {
    t = await createTestApp({ shopify: { shopDomain: store.shopDomain, adminToken: store.accessToken, apiVersion: "2025-07" } });
    const account = world.addAccount();
    accountExternalId = account.id;
    await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, account);
    // A buyer refunded once as "not received", now claiming it again on a newer order.
    store.addOrder({ name: "#6391", email: "priya.n@example.com", customerName: "Priya Nair", createdAt: at(-8), fulfillmentStatus: "FULFILLED", lineItems: [SERUM], fulfillments: delivered(3, "9400111899223344557791") });
    store.addOrder({
      name: "#6288",
      email: "priya.n@example.com",
      customerName: "Priya Nair",
      createdAt: at(-62),
      fulfillmentStatus: "FULFILLED",
      financialStatus: "REFUNDED",
      lineItems: [SERUM],
      fulfillments: delivered(55, "9400111899223344557728"),
      refunds: [{ id: "gid://shopify/Refund/96288001", createdAt: new Date(Date.UTC(2026, 9, 17, 15)), note: "Delivered, not received: carrier claim", amount: "29.00" }],
    });
    store.addOrder({ name: "#6392", email: "sam.k@example.com", customerName: "Sam Kim", createdAt: at(-7), fulfillmentStatus: "FULFILLED", lineItems: [SERUM], fulfillments: delivered(2, "9400111899223344557792") });
  });
  afterAll(async () => {
    await t?.close();
    emulator.close();
  });

  const deliver = async (body: string) => {
    const res = await t.app.request("/webhooks/instagram", signedInstagramPost(body));
    expect(res.status).toBe(200);
    await t.ingest.drain();
  };
  const byText = async (fragment: string) => {
    const rows = await t.database.db.select().from(messages).where(eq(messages.workspaceId, t.workspaceId));
    const row = rows.find((m) => m.text.includes(fragment));
    expect(row, fragment).toBeDefined();
    return row!;
  };
  const shopifyCalls = () => store.calls.length;
  /** What looking up #6392 once asks of Shopify (its search, and the buyer's other orders). */
  let callsForOneLookup = 0;

  it("escalates an ingested repeat delivered-not-received claim with the reason in words, without anyone opening it", async () => {
    await deliver(dmDelivery(accountExternalId, "17840000000006391", ["my order #6391 says delivered but it never arrived, second time this happens"]));
    const before = await byText("#6391");
    expect(before.label).toBe("not_received");
    expect(before.escalationLevel).not.toBe("high");
    const [queued] = await t.database.db.select().from(orderChecks).where(eq(orderChecks.messageId, before.id));
    expect(queued?.status).toBe("queued");

    const heard: string[] = [];
    const unsubscribe = t.live.events.subscribe((event) => {
      if (event.type === "messages" && event.change === "updated") heard.push(...event.ids);
    });
    expect(await t.orderChecks.drain()).toBe(1);
    unsubscribe();

    const after = await byText("#6391");
    expect(after.escalationLevel).toBe("high");
    expect(after.classification!.escalation.reasons[0]).toBe(
      "Repeat delivered-not-received claim: this buyer's earlier order #6288 was refunded as not received on 2026-10-17.",
    );
    expect(after.classification!.evidence.rules).toContain("escalation:order_repeat_not_received");
    const [done] = await t.database.db.select().from(orderChecks).where(eq(orderChecks.messageId, before.id));
    expect(done).toMatchObject({ status: "done", outcome: "found", escalatedBy: ["repeat_not_received"] });
    // The console showing it hears the change.
    expect(heard).toContain(before.id);
  });

  it("looks each message up once: a drained queue asks nothing more, and a redelivered webhook queues nothing", async () => {
    const calls = shopifyCalls();
    expect(await t.orderChecks.drain()).toBe(0);
    expect(shopifyCalls()).toBe(calls);
    const body = dmDelivery(accountExternalId, "17840000000006392", ["hi, order #6392 shows delivered but I can't find it anywhere"]);
    await deliver(body);
    await deliver(body);
    const message = await byText("#6392");
    expect(await t.database.db.select().from(orderChecks).where(eq(orderChecks.messageId, message.id))).toHaveLength(1);
    const beforeOne = shopifyCalls();
    expect(await t.orderChecks.drain()).toBe(1);
    callsForOneLookup = shopifyCalls() - beforeOne;
    expect(callsForOneLookup).toBeGreaterThan(0);
    // A first claim: looked up, left as the text scored it.
    const after = await byText("#6392");
    expect(after.escalationLevel).toBe(message.escalationLevel);
    expect(await t.orderChecks.drain()).toBe(0);
  });

  it("coalesces a buyer's burst into one lookup, and queues nothing for messages that are not about an order", async () => {
    await deliver(
      dmDelivery(accountExternalId, "17840000000006393", [
        "where is my order #6392??",
        "it's been days, where is order #6392",
        "love the serum btw, the packaging is gorgeous",
      ]),
    );
    const burst = (await t.database.db.select().from(messages).where(eq(messages.authorExternalId, "17840000000006393"))).map((m) => m.id);
    expect(burst).toHaveLength(3);
    const queued = await t.database.db.select().from(orderChecks).where(inArray(orderChecks.messageId, burst));
    expect(queued).toHaveLength(2);
    const calls = shopifyCalls();
    expect(await t.orderChecks.drain()).toBe(2);
    // One question (#6392 for this buyer) asked once for both messages.
    expect(shopifyCalls() - calls).toBe(callsForOneLookup);
  });

  it("retries a check whose shop could not be asked, then finds the order", async () => {
    store.fail({ kind: "http", status: 500 });
    await deliver(dmDelivery(accountExternalId, "17840000000006394", ["order #6391 never arrived, please help"]));
    const message = await byText("#6391 never arrived");
    expect(await t.orderChecks.drain()).toBe(1);
    const [waiting] = await t.database.db.select().from(orderChecks).where(eq(orderChecks.messageId, message.id));
    expect(waiting?.status).toBe("queued");
    expect(waiting?.lastError).toMatch(/Shopify did not answer/);
    // Due again after its backoff.
    await t.database.db.update(orderChecks).set({ dueAt: new Date(Date.now() - 1000) }).where(eq(orderChecks.messageId, message.id));
    expect(await t.orderChecks.drain()).toBe(1);
    const [done] = await t.database.db.select().from(orderChecks).where(eq(orderChecks.messageId, message.id));
    expect(done).toMatchObject({ status: "done", outcome: "found", lastError: null });
  });

  it("queues a check when an agent relabels a message to an order issue, and again on another order-issue label", async () => {
    // Two buyers, so two items (one buyer's DMs would be one item, relabelled as one).
    await deliver(dmDelivery(accountExternalId, "17840000000006395", ["love the serum btw, the packaging is gorgeous"]));
    await deliver(dmDelivery(accountExternalId, "17840000000006396", ["thanks so much for the quick shipping!"]));
    const message = await byText("the packaging is gorgeous");
    const other = await byText("thanks so much for the quick shipping");
    const checkOf = async (id: string) => (await t.database.db.select().from(orderChecks).where(eq(orderChecks.messageId, id)))[0];
    expect(await checkOf(message.id)).toBeUndefined();
    const relabel = (id: string, label: string) =>
      t.app.request(`/api/messages/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ label }) });

    expect((await relabel(message.id, "not_received")).status).toBe(200);
    // Not an order issue: nothing to look up.
    expect((await relabel(other.id, "praise")).status).toBe(200);
    expect(await checkOf(other.id)).toBeUndefined();
    expect(await checkOf(message.id)).toMatchObject({ status: "queued", attempts: 0 });
    expect(await t.orderChecks.drain()).toBe(1);
    const done = await checkOf(message.id);
    expect(done).toMatchObject({ status: "done" });
    expect(done?.outcome).not.toBeNull();

    // The escalation rules depend on the label: another order-issue label checks again.
    expect((await relabel(message.id, "damaged_item")).status).toBe(200);
    expect(await checkOf(message.id)).toMatchObject({ status: "queued", attempts: 0 });
    expect(await t.orderChecks.drain()).toBe(1);
    expect((await checkOf(message.id))?.status).toBe("done");
  });

  it("forgets settled checks after a week, and a buyer's checks when the buyer is erased", async () => {
    const all = await t.database.db.select().from(orderChecks);
    expect(all.length).toBeGreaterThan(0);
    expect(await pruneOrderChecks(t.database.db, new Date())).toBe(0);
    const old = all[0]!;
    await t.database.db.update(orderChecks).set({ createdAt: new Date(Date.now() - 8 * DAY) }).where(eq(orderChecks.messageId, old.messageId));
    expect(await pruneOrderChecks(t.database.db, new Date())).toBe(1);

    const message = await byText("never arrived, please help");
    expect(message.contactId).not.toBeNull();
    const res = await t.app.request(`/api/contacts/${message.contactId}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await t.database.db.select().from(orderChecks).where(eq(orderChecks.messageId, message.id))).toHaveLength(0);
  });
});
