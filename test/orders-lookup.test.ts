import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { OrderRecord, OrderSearchResponse, SuggestionsResponse } from "@surgedesk/shared";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedAccount } from "@surgedesk/devkit/emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { shopifyHandlers } from "@surgedesk/devkit/emulators/shopify/shopify-handlers.ts";
import { ShopifyStore } from "@surgedesk/devkit/emulators/shopify/shopify-store.ts";
import { seedMessage, type MessageSpec } from "@surgedesk/devkit/testing/seed-messages.ts";
import { readJsonFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { connectAccount } from "../api/src/accounts/connect-account.ts";
import type { OrderKey, OrderSource } from "../api/src/connectors/contract.ts";
import { SHIPPED_CONNECTORS } from "../api/src/connectors/registry.ts";
import { contactOrderLinks, contacts, messages } from "../api/src/db/schema/index.ts";
import { newId } from "../api/src/lib/ids.ts";
import { createShopifyAdminClient } from "../api/src/orders/shopify/admin-client.ts";
import { shopifyOrderRecord } from "../api/src/orders/shopify/shopify-order-record.ts";
import { lookupOrder } from "../api/src/orders/order-lookup.ts";

const store = new ShopifyStore({ shopDomain: "glowbar-test.myshopify.com", accessToken: "shpat_test" });
const DAY = 86_400_000;
const SYNCED_TIKTOK_ID = "576893021845237781";
const TIKTOK_ONLY_ID = "576893021845299001";

/** A TikTok Shop order as the other system maps it: what a TikTok Shop `OrderSource` returns. */
function tiktokOrder(id: string, overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    system: "tiktok_shop",
    shopifyName: null,
    shopifyId: null,
    tiktokOrderId: id,
    customerName: "Ana Pérez",
    email: null,
    phone: null,
    buyerUserId: "7494560109732334231",
    status: "Awaiting shipment",
    financialStatus: "Paid",
    fulfillmentStatus: null,
    total: { amount: "58.00", currency: "USD" },
    lineItems: [{ title: "Vitamin C Glow Serum", variant: "50 ml", sku: "GLOW-C-50", quantity: 2, price: { amount: "29.00", currency: "USD" } }],
    shipments: [],
    afterSales: [{ kind: "cancellation", id: "cx-5001", status: "Requested", reason: "Ordered by mistake", requestedAt: new Date(Date.now() - DAY).toISOString(), updatedAt: null, refundAmount: null }],
    createdAt: new Date(Date.now() - 2 * DAY).toISOString(),
    shipByAt: new Date(Date.now() + DAY).toISOString(),
    deliverByAt: null,
    ...overrides,
  };
}

/**
 * A TikTok Shop order source standing in for the TikTok Shop connector's `orders` capability:
 * it answers by TikTok order id and by buyer user id, and records what it was asked.
 */
const tiktokAsked: OrderKey[] = [];
const fakeTikTokSource: OrderSource = {
  system: "tiktok_shop",
  searchableBy: ["tiktok_order_id", "buyer_user_id"],
  find(key) {
    tiktokAsked.push(key);
    const orders = [tiktokOrder(SYNCED_TIKTOK_ID, { status: "In transit" }), tiktokOrder(TIKTOK_ONLY_ID)];
    if (key.kind === "tiktok_order_id") return Promise.resolve(orders.filter((o) => o.tiktokOrderId === key.value));
    if (key.kind === "buyer_user_id") return Promise.resolve(orders.filter((o) => o.buyerUserId === key.value).reverse());
    return Promise.resolve([]);
  },
};
const tiktokShopWithOrders = SHIPPED_CONNECTORS.map((c) => (c.channel === "tiktok_shop" ? { ...c, orders: () => fakeTikTokSource } : c));

describe("order lookup from Shopify and TikTok Shop", () => {
  const world = new InstagramWorld();
  const emulator = startEmulatorServer([...instagramGraphHandlers(world), ...shopifyHandlers(store)]);
  let t: TestApp;
  let accountId: string;
  let shopAccountId: string;
  beforeAll(async () => {
    t = await createTestApp({ shopify: { shopDomain: store.shopDomain, adminToken: store.accessToken, apiVersion: "2025-07" } }, { connectors: tiktokShopWithOrders });
    const ig = world.addAccount();
    accountId = (await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, ig)).id;
    shopAccountId = (
      await connectAccount(t.database.db, t.config, { workspaceId: t.workspaceId, channel: "tiktok_shop", externalAccountId: "7495000000000000001", handle: "Glowbar TikTok Shop", accessToken: "tts-token", platformParams: { shop_cipher: "ROW_x" } }, t.connectors)
    ).id;
    store.addOrder({
      name: "#1042",
      email: "maya.r@example.com",
      phone: "+1 512-555-0142",
      customerName: "Maya Rivera",
      createdAt: new Date(Date.now() - 6 * DAY),
      fulfillmentStatus: "FULFILLED",
      lineItems: [
        { title: "Vitamin C Glow Serum", variantTitle: "30 ml", sku: "GLOW-C-30", quantity: 2, unitPrice: "29.00" },
        { title: "Barrier Cream", variantTitle: "Default Title", sku: "BAR-50", quantity: 1, unitPrice: "24.00" },
      ],
      tracking: { number: "1Z999AA10123456784", url: "https://www.ups.com/track?tracknum=1Z999AA10123456784", company: "UPS" },
      estimatedDeliveryAt: new Date(Date.UTC(2026, 10, 28)),
    });
    store.addOrder({ name: "#1031", email: "maya.r@example.com", customerName: "Maya Rivera", createdAt: new Date(Date.now() - 30 * DAY), fulfillmentStatus: "FULFILLED" });
    store.addOrder({ name: "#2001", email: "leo.g@example.com", customerName: "Leo García", fulfillmentStatus: "UNFULFILLED", createdAt: new Date(Date.now() - DAY) });
    // The TikTok channel's copy of a TikTok Shop order.
    store.addOrder({ name: "#2002", customerName: "Ana Pérez", email: "ana.p@example.com", tiktokOrderId: SYNCED_TIKTOK_ID, createdAt: new Date(Date.now() - 2 * DAY) });
  });
  afterAll(async () => {
    await t?.close();
    emulator.close();
  });

  let n = 0;
  const seed = (spec: MessageSpec) => {
    n += 1;
    return seedMessage(t.database.db, { workspaceId: t.workspaceId, accountId }, { externalId: `c-orders-${n}`, classified: true, label: "order_status", ...spec });
  };
  const suggestionsFor = async (id: string) => {
    const res = await t.app.request(`/api/replies/${id}/suggestions`);
    expect(res.status).toBe(200);
    return (await res.json()) as SuggestionsResponse;
  };
  const suggest = async (text: string, language?: "en" | "es") => suggestionsFor((await seed({ text, ...(language && { language }) })).id);
  /** A buyer's message linked to their contact, as ingestion links it. */
  const fromContact = async (contactId: string, text: string, spec: MessageSpec = {}) => {
    const message = await seed({ text, ...spec });
    await t.database.db.update(messages).set({ contactId }).where(eq(messages.id, message.id));
    return suggestionsFor(message.id);
  };
  const newContact = async (platform: "instagram" | "tiktok" = "instagram") => {
    const id = newId("contact");
    await t.database.db.insert(contacts).values({ id, workspaceId: t.workspaceId, platform, externalUserId: `u-${id}`, handle: `buyer_${id.slice(-4)}` });
    return id;
  };

  it("finds the order by its number, with items, amount, parcel and tracking, and fills every WISMO variable", async () => {
    const s = await suggest("where is my order #1042?? it's been forever");
    expect(s.order.outcome).toBe("found");
    expect(s.order.reason).toBe("Found by order number #1042.");
    expect(store.calls.some((c) => c.query === "name:#1042")).toBe(true);
    expect(s.order.order).toMatchObject({
      system: "shopify",
      sources: ["shopify"],
      shopifyName: "#1042",
      status: "In transit",
      total: { amount: "82.00", currency: "USD" },
      lineItems: [
        { title: "Vitamin C Glow Serum", variant: "30 ml", quantity: 2 },
        { title: "Barrier Cream", variant: null, quantity: 1 },
      ],
      shipments: [{ carrier: "UPS", trackingNumber: "1Z999AA10123456784", status: "In transit" }],
    });
    expect(s.values).toMatchObject({
      customer_name: "Maya",
      order_id: "#1042",
      order_status: "on its way",
      tracking_url: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
      tracking_number: "1Z999AA10123456784",
      carrier: "UPS",
      eta: "November 28",
      order_items: "2 × Vitamin C Glow Serum (30 ml), 1 × Barrier Cream",
      order_total: "$82.00",
    });
    // The buyer's other order, found by the order's email.
    expect(s.order.otherOrders.map((o) => o.shopifyName)).toEqual(["#1031"]);
    const wismo = s.suggestions.find((x) => x.macro.key === "wismo.en");
    expect(wismo?.rendered.missing).toEqual([]);
    expect(wismo?.rendered.text).toContain("Order #1042 is on its way");
  });

  it("finds it by the customer's email, in Spanish", async () => {
    const s = await suggest("hola, mi pedido no llega, mi correo es leo.g@example.com", "es");
    expect(s.order.outcome).toBe("found");
    expect(s.order.reason).toBe("Found by the email leo.g@example.com.");
    expect(s.values.order_status).toBe("en preparación");
    expect(s.suggestions[0]?.macro.language).toBe("es");
  });

  it("finds it by the customer's phone number", async () => {
    const s = await suggest("still waiting on my serum, you can call me at +1 512-555-0142");
    expect(s.order.outcome).toBe("found");
    expect(s.order.order?.shopifyName).toBe("#1042");
    expect(s.order.reason).toBe("Found by the phone number +1 512-555-0142.");
    expect(store.calls.map((c) => c.query)).toContain("phone:+15125550142");
  });

  it("says in words which shop has no such order, never the shop's query syntax, and leaves the variables missing", async () => {
    const s = await suggest("where is order #9999");
    expect(s.order.outcome).toBe("not_found");
    expect(s.order.reason).toBe("Shopify has no order with order number #9999. Check the number with the customer, or search by their email.");
    expect(s.order.reason).not.toMatch(/name:/);
    expect(s.values.order_id).toBe("#9999");
    expect(s.values.tracking_url).toBeNull();
    const wismo = s.suggestions.find((x) => x.macro.key === "wismo.en");
    expect(wismo?.rendered.missing).toEqual(expect.arrayContaining(["order_status", "tracking_url", "eta"]));
  });

  it("says when the shop cannot be asked (HTTP 500, throttled) rather than that there is no order", async () => {
    store.fail({ kind: "http", status: 500 });
    const down = await suggest("order #2001 status?");
    expect(down.order.outcome).toBe("error");
    expect(down.order.reason).toBe("Shopify did not answer (answered HTTP 500): try again shortly. Order details could not be filled.");
    store.fail({ kind: "throttled" });
    const throttled = await suggest("order #2001 status?");
    expect(throttled.order.outcome).toBe("error");
    expect(throttled.order.reason).toMatch(/^Shopify is busy \(it is throttling requests\): try again in a minute\./);
  });

  it("asks nothing when the message names nothing and its buyer has no order found before", async () => {
    const before = store.calls.length;
    const s = await suggest("where is my package");
    expect(s.order.outcome).toBe("no_reference");
    expect(s.order.reason).toMatch(/^The message names no order number, TikTok Shop order id, tracking number, email or phone.*ask for the order number\.$/);
    expect(store.calls.length).toBe(before);
  });

  it("shows a TikTok Shop order synced into Shopify once, with both ids, owned by TikTok Shop", async () => {
    const s = await suggest(`my order ${SYNCED_TIKTOK_ID} still hasn't arrived`);
    expect(s.order.outcome).toBe("found");
    expect(store.calls.map((c) => c.query)).toContain(`tag:${SYNCED_TIKTOK_ID}`);
    expect(tiktokAsked).toContainEqual({ kind: "tiktok_order_id", value: SYNCED_TIKTOK_ID });
    expect(s.order.order).toMatchObject({ system: "tiktok_shop", sources: ["shopify", "tiktok_shop"], shopifyName: "#2002", tiktokOrderId: SYNCED_TIKTOK_ID, status: "In transit", email: "ana.p@example.com" });
    expect(s.order.order?.afterSales[0]).toMatchObject({ kind: "cancellation", status: "Requested" });
    expect(s.order.otherOrders.filter((o) => o.tiktokOrderId === SYNCED_TIKTOK_ID)).toEqual([]);
    expect(s.values).toMatchObject({ order_id: "#2002", platform_order_id: SYNCED_TIKTOK_ID });
  });

  it("finds a TikTok Shop customer-service buyer's order by their TikTok user id", async () => {
    const message = await seedMessage(
      t.database.db,
      { workspaceId: t.workspaceId, accountId: shopAccountId },
      { platform: "tiktok", kind: "dm", authorExternalId: "7494560109732334231", text: "hi, when will it ship?", classified: true, label: "order_status" },
    );
    const s = await suggestionsFor(message.id);
    expect(tiktokAsked).toContainEqual({ kind: "buyer_user_id", value: "7494560109732334231" });
    expect(s.order.outcome).toBe("found");
    expect(s.order.reason).toBe("Found by the buyer's TikTok Shop account.");
    expect(s.order.order).toMatchObject({ tiktokOrderId: TIKTOK_ONLY_ID, sources: ["tiktok_shop"], shopifyName: null });
    expect(s.values.order_id).toBe(TIKTOK_ONLY_ID);
  });

  it("links a buyer to the order found once, so their next message finds it (and their other orders) without quoting anything", async () => {
    const contactId = await newContact();
    const first = await fromContact(contactId, "where is my order #1042");
    expect(first.order.outcome).toBe("found");
    const links = await t.database.db.select().from(contactOrderLinks).where(and(eq(contactOrderLinks.workspaceId, t.workspaceId), eq(contactOrderLinks.contactId, contactId)));
    expect(links.map((l) => l.orderRef).sort()).toEqual(["shopify:#1031", "shopify:#1042"]);

    const next = await fromContact(contactId, "any news?? still nothing");
    expect(next.order.outcome).toBe("found");
    expect(next.order.reason).toBe("Linked to this buyer: found earlier by order number #1042.");
    expect(next.order.order?.shopifyName).toBe("#1042");
    expect(next.order.otherOrders.map((o) => o.shopifyName)).toEqual(["#1031"]);
    expect(next.values.tracking_url).toBe("https://www.ups.com/track?tracknum=1Z999AA10123456784");

    // Erasing the buyer erases the orders found for them.
    expect((await t.app.request(`/api/contacts/${contactId}`, { method: "DELETE" })).status).toBe(200);
    expect(await t.database.db.select().from(contactOrderLinks).where(eq(contactOrderLinks.contactId, contactId))).toEqual([]);
  });

  it("finds a DM's order by the number the buyer gave earlier in the conversation", async () => {
    const thread = "instagram:dm:conversation-dnr";
    await seed({ kind: "dm", threadKey: thread, text: "hi, my package says delivered but nothing came. order #1042", label: "not_received" });
    const s = await suggestionsFor((await seed({ kind: "dm", threadKey: thread, text: "it's been 2 days, can someone please answer" })).id);
    expect(s.order.outcome).toBe("found");
    expect(s.order.reason).toBe("Found by order number #1042, which this buyer gave in another message.");
    // A comment thread is other people's too: a reply under someone's comment does not take their order.
    const comment = await seed({ text: "where is order #2001??" });
    const reply = await seed({ text: "same here, mine still says processing", parentExternalId: comment.externalId });
    expect((await suggestionsFor(reply.id)).order.outcome).toBe("no_reference");
  });

  it("finds an order by tracking number among the orders already known, and says why not otherwise", async () => {
    const unknown = await suggest("tracking 9400111899223344556677 hasn't moved in a week");
    expect(unknown.order.outcome).toBe("not_found");
    expect(unknown.order.reason).toMatch(/^Tracking number 9400111899223344556677 matches no order known here yet \(Shopify cannot search by tracking number/);

    const contactId = await newContact();
    await fromContact(contactId, "order #1042 please");
    const other = await newContact();
    const byTracking = await fromContact(other, "tracking 1Z999AA10123456784 hasn't moved, where is my order??");
    expect(byTracking.order.outcome).toBe("found");
    expect(byTracking.order.reason).toBe("Found by tracking number 1Z999AA10123456784.");
    expect(byTracking.order.order?.shopifyName).toBe("#1042");
  });

  it("says when no connected shop can search by what was quoted", async () => {
    const shopifyOnly = [{ name: "Shopify", source: { system: "shopify" as const, searchableBy: ["shopify_name" as const], find: () => Promise.resolve([]) } }];
    const context = await lookupOrder({ db: t.database.db, workspaceId: t.workspaceId, sources: shopifyOnly, keys: [{ kind: "buyer_user_id", value: "7494560109732334231" }], contactId: null });
    expect(context).toMatchObject({ outcome: "not_configured", order: null });
    expect(context.reason).toMatch(/^No connected shop can look an order up by the buyer's TikTok Shop account/);
  });

  it("says no shop is connected when none is", async () => {
    const context = await lookupOrder({ db: t.database.db, workspaceId: t.workspaceId, sources: [], keys: [{ kind: "shopify_name", value: "#1042" }], contactId: null });
    expect(context.outcome).toBe("not_configured");
    expect(context.reason).toMatch(/^The message quotes order number #1042, but no shop is connected/);
  });

  it("searches by hand for agents: order numbers with or without #, refusing bad input with a 4xx", async () => {
    const res = await t.app.request("/api/orders/search?q=1042");
    expect(res.status).toBe(200);
    const body = (await res.json()) as OrderSearchResponse;
    expect(body.outcome).toBe("found");
    expect(body.orders.map((o) => o.shopifyName)).toEqual(["#1042", "#1031"]);
    const byEmail = (await (await t.app.request("/api/orders/search?q=leo.g%40example.com")).json()) as OrderSearchResponse;
    expect(byEmail.orders.map((o) => o.shopifyName)).toEqual(["#2001"]);
    const missing = (await (await t.app.request("/api/orders/search?q=%239999")).json()) as OrderSearchResponse;
    expect(missing).toMatchObject({ outcome: "not_found", orders: [] });

    const short = await t.app.request("/api/orders/search?q=ab");
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ error: { code: "validation_failed" } });
    const words = await t.app.request("/api/orders/search?q=where%20is%20it");
    expect(words.status).toBe(400);
    expect(await words.json()).toMatchObject({ error: { code: "bad_request" } });
    const viewer = await t.tokenFor("viewer");
    expect((await t.app.request("/api/orders/search?q=1042", { headers: { authorization: `Bearer ${viewer}` } })).status).toBe(403);
  });
});

describe("the Shopify Admin client", () => {
  it("reads the Admin GraphQL answer as Shopify sends it", async () => {
    const server = setupServer(http.post("https://fixture-shop.myshopify.com/admin/api/2025-07/graphql.json", () => HttpResponse.json(readJsonFixture("shopify/order-by-name.json") as object)));
    server.listen({ onUnhandledRequest: "error" });
    try {
      const client = createShopifyAdminClient({ shopDomain: "fixture-shop.myshopify.com", accessToken: "x", apiVersion: "2025-07" });
      const [node] = await client.findOrders({ kind: "shopify_name", value: "1234" });
      expect(node?.name).toBe("#1234");
      const order = shopifyOrderRecord(node!);
      expect(order).toMatchObject({
        shopifyId: "gid://shopify/Order/5612345678123",
        tiktokOrderId: null,
        status: "In transit",
        financialStatus: "Partially refunded",
        total: { amount: "82.00", currency: "USD" },
        lineItems: [{ variant: "30 ml", quantity: 2 }, { title: "Barrier Cream", variant: null }],
        shipments: [{ carrier: "UPS", trackingNumber: "1Z999AA10123456784", estimatedDeliveryAt: "2025-08-23T00:00:00Z" }],
        afterSales: [{ kind: "refund", status: "Completed", reason: "Barrier cream out of stock", refundAmount: { amount: "24.00", currency: "USD" } }],
      });
    } finally {
      server.close();
    }
  });

  it("reads the TikTok Shop order id the TikTok channel keeps on an order it synced", async () => {
    const server = setupServer(http.post("https://fixture-shop.myshopify.com/admin/api/2025-07/graphql.json", () => HttpResponse.json(readJsonFixture("shopify/order-synced-from-tiktok.json") as object)));
    server.listen({ onUnhandledRequest: "error" });
    try {
      const client = createShopifyAdminClient({ shopDomain: "fixture-shop.myshopify.com", accessToken: "x", apiVersion: "2025-07" });
      const [node] = await client.findOrders({ kind: "tiktok_order_id", value: "576893021845237781" });
      expect(shopifyOrderRecord(node!)).toMatchObject({ system: "shopify", shopifyName: "#10490", tiktokOrderId: "576893021845237781", status: "Awaiting shipment" });
    } finally {
      server.close();
    }
  });
});
