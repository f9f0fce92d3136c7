import { describe, expect, it } from "vitest";
import { TikTokShopEmulator } from "./shop-emulator.ts";
import { seedShop } from "./seed-shop.ts";
import { sampleShopOrders, seedShopOrders } from "./seed-shop-orders.ts";
import { DEMO_BUYER_LINES } from "../../demo/demo-platforms.ts";

describe("seeding a shop's conversations with the shop's own orders", () => {
  it("gives each conversation's order card its buyer's own order, as the demo seeds it", () => {
    const shop = new TikTokShopEmulator({ appKey: "k", appSecret: "s" }).addShop();
    const orders = sampleShopOrders(new Date());
    const conversations = seedShop(shop, {
      conversations: 4,
      messagesPerConversation: 8,
      start: new Date(Date.now() - 5 * 3_600_000),
      orderCard: (conversation, c) => seedShopOrders(shop, [{ ...orders[c]!, buyerUserId: conversation.buyer.user_id }]).get(orders[c]!.key)!.order.id,
    });
    const cards = conversations.map((c) => {
      const card = c.messages.find((m) => m.type === "ORDER_CARD");
      return (JSON.parse(card!.content) as { order_id: string }).order_id;
    });
    expect(new Set(cards).size).toBe(4);
    conversations.forEach((conversation, c) => {
      const order = shop.orderBook.orders.get(cards[c]!);
      expect(order?.user_id).toBe(conversation.buyer.user_id);
      expect(order?.line_items[0]?.product_name).toBe(orders[c]!.items[0]!.product);
    });
  });

  it("keeps the one made-up order id without an order for each card", () => {
    const shop = new TikTokShopEmulator({ appKey: "k", appSecret: "s" }).addShop();
    const conversations = seedShop(shop, { conversations: 2, messagesPerConversation: 8, start: new Date() });
    const cards = conversations.map((c) => c.messages.find((m) => m.type === "ORDER_CARD")!.content);
    expect(cards).toEqual([JSON.stringify({ order_id: "576893021845237785" }), JSON.stringify({ order_id: "576893021845237785" })]);
  });

  it("has each demo buyer write about their own order's state, never about tracking on a delivered or unshipped order", () => {
    const shop = new TikTokShopEmulator({ appKey: "k", appSecret: "s" }).addShop();
    const orders = sampleShopOrders(new Date());
    const conversations = seedShop(shop, {
      conversations: 4,
      messagesPerConversation: 8,
      start: new Date(Date.now() - 5 * 3_600_000),
      orderCard: (conversation, c) => seedShopOrders(shop, [{ ...orders[c]!, buyerUserId: conversation.buyer.user_id }]).get(orders[c]!.key)!.order.id,
      buyerLines: (c) => DEMO_BUYER_LINES[orders[c]!.key]!,
    });
    conversations.forEach((conversation, c) => {
      const said = conversation.messages.filter((m) => m.sender.role === "BUYER" && m.type === "TEXT").map((m) => (JSON.parse(m.content) as { content: string }).content);
      expect(said).toEqual(DEMO_BUYER_LINES[orders[c]!.key]);
      const { status } = [...shop.orderBook.orders.values()].find((o) => o.user_id === conversation.buyer.user_id)!;
      const aboutTracking = said.some((line) => /tracking|where is my order|shipped \d/i.test(line));
      expect(aboutTracking, `${orders[c]!.key}: ${said.join(" / ")}`).toBe(status === "IN_TRANSIT");
    });
  });
});
