import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuggestionsResponse } from "@surgedesk/shared";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedAccount } from "@surgedesk/devkit/emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { shopifyHandlers } from "@surgedesk/devkit/emulators/shopify/shopify-handlers.ts";
import { ShopifyStore } from "@surgedesk/devkit/emulators/shopify/shopify-store.ts";
import { createShopifyAdminClient } from "../api/src/orders/shopify/admin-client.ts";
import { seedMessage } from "@surgedesk/devkit/testing/seed-messages.ts";
import { readJsonFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";

const store = new ShopifyStore({ shopDomain: "glowbar-test.myshopify.com", accessToken: "shpat_test" });
const DAY = 86_400_000;

describe("order context from Shopify", () => {
  const world = new InstagramWorld();
  const emulator = startEmulatorServer([...instagramGraphHandlers(world), ...shopifyHandlers(store)]);
  let t: TestApp;
  let accountId: string;
  beforeAll(async () => {
    t = await createTestApp({ shopify: { shopDomain: store.shopDomain, adminToken: store.accessToken, apiVersion: "2025-07" } });
    const ig = world.addAccount();
    accountId = (await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, ig)).id;
    store.addOrder({
      name: "#1042",
      email: "maya.r@example.com",
      customerName: "Maya Rivera",
      fulfillmentStatus: "FULFILLED",
      tracking: { number: "1Z999AA10123456784", url: "https://www.ups.com/track?tracknum=1Z999AA10123456784", company: "UPS" },
      estimatedDeliveryAt: new Date(Date.UTC(2026, 10, 28)),
    });
    store.addOrder({ name: "#2001", email: "leo.g@example.com", customerName: "Leo García", fulfillmentStatus: "UNFULFILLED", createdAt: new Date(Date.now() - DAY) });
  });
  afterAll(async () => {
    await t?.close();
    emulator.close();
  });

  let n = 0;
  const suggest = async (text: string, language?: "en" | "es") => {
    n += 1;
    const message = await seedMessage(t.database.db, { workspaceId: t.workspaceId, accountId }, { externalId: `c-shopify-${n}`, text, classified: true, label: "order_status", ...(language && { language }) });
    const res = await t.app.request(`/api/replies/${message.id}/suggestions`);
    expect(res.status).toBe(200);
    return (await res.json()) as SuggestionsResponse;
  };

  it("finds the order by its number and fills status, tracking and ETA", async () => {
    const s = await suggest("where is my order #1042?? it's been forever");
    expect(s.order.lookup).toBe("found");
    expect(store.calls.at(-1)?.query).toBe("name:#1042");
    expect(s.values).toMatchObject({ customer_name: "Maya", order_id: "#1042", order_status: "shipped", tracking_url: "https://www.ups.com/track?tracknum=1Z999AA10123456784", eta: "November 28" });
    const wismo = s.suggestions.find((x) => x.macro.key === "wismo.en");
    expect(wismo?.rendered.missing).toEqual([]);
    expect(wismo?.rendered.text).toContain("Order #1042 is shipped");
  });

  it("finds it by the customer's email, in Spanish", async () => {
    const s = await suggest("hola, mi pedido no llega, mi correo es leo.g@example.com", "es");
    expect(s.order.lookup).toBe("found");
    expect(s.values.order_status).toBe("en preparación");
    expect(s.suggestions[0]?.macro.language).toBe("es");
  });

  it("reports an order Shopify does not have, leaving its variables missing and blocking", async () => {
    const s = await suggest("where is order #9999");
    expect(s.order.lookup).toBe("not_found");
    expect(s.values.order_id).toBe("#9999");
    expect(s.values.tracking_url).toBeNull();
    const wismo = s.suggestions.find((x) => x.macro.key === "wismo.en");
    expect(wismo?.rendered.missing).toEqual(expect.arrayContaining(["order_status", "tracking_url", "eta"]));
    expect(wismo?.rendered.text).toContain("{{tracking_url}}");
  });

  it("says when the shop cannot be asked (HTTP 500, throttled) rather than that there is no order", async () => {
    store.fail({ kind: "http", status: 500 });
    const down = await suggest("order #1042 status?");
    expect(down.order.lookup).toBe("error");
    expect(down.order.message).toMatch(/HTTP 500/);
    store.fail({ kind: "throttled" });
    const throttled = await suggest("order #1042 status?");
    expect(throttled.order.lookup).toBe("error");
    expect(throttled.order.message).toMatch(/Throttled/);
  });

  it("asks nothing when the message names no order or email", async () => {
    const before = store.calls.length;
    const s = await suggest("where is my package");
    expect(s.order.lookup).toBe("no_reference");
    expect(s.order.message).toBe("The message names no order number or email.");
    expect(store.calls.length).toBe(before);
  });

  it("names a quoted TikTok Shop order id, which fills platform_order_id, rather than saying nothing was quoted", async () => {
    const before = store.calls.length;
    const s = await suggest("You approved my refund on 578760118983431457 three weeks ago and I still dont have it");
    expect(s.order).toMatchObject({ lookup: "no_reference", query: null, order: null });
    expect(s.order.message).toMatch(/TikTok Shop order 578760118983431457 \(filled in as platform_order_id\)/);
    expect(s.values.platform_order_id).toBe("578760118983431457");
    expect(store.calls.length).toBe(before);
  });

  it("says that a quoted tracking number cannot find the order, rather than that nothing was quoted", async () => {
    const before = store.calls.length;
    const s = await suggest("tracking 1Z999AA10123456784 hasn't moved in a week, where is my order??");
    expect(s.order).toMatchObject({ lookup: "no_reference", query: null, order: null });
    expect(s.order.message).toMatch(/tracking number 1Z999AA10123456784 but no order number or email.*ask for the order number/);
    expect(store.calls.length).toBe(before);
  });
});

describe("the Shopify Admin client", () => {
  it("reads the Admin GraphQL answer as Shopify sends it", async () => {
    const server = setupServer(http.post("https://fixture-shop.myshopify.com/admin/api/2025-07/graphql.json", () => HttpResponse.json(readJsonFixture("shopify/order-by-name.json") as object)));
    server.listen({ onUnhandledRequest: "error" });
    try {
      const client = createShopifyAdminClient({ shopDomain: "fixture-shop.myshopify.com", accessToken: "x", apiVersion: "2025-07" });
      const order = await client.findOrder({ name: "1234" });
      expect(order?.name).toBe("#1234");
      expect(order?.fulfillments?.[0]?.trackingInfo?.[0]?.company).toBe("UPS");
    } finally {
      server.close();
    }
  });
});
