import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFixture, readJsonFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { conversationBuyer, conversationsPageSchema } from "./api-payloads.ts";
import { messagePageEventBody } from "./message-page-event.ts";
import { normalizeOrderWebhookBody } from "./orders/order-webhook.ts";
import { normalizeMessagePageBody, normalizeShopWebhookBody } from "./normalize.ts";

const SHOP = "7494049642642441621";
const conversations = conversationsPageSchema.parse(readJsonFixture<{ data: unknown }>("tiktok-shop/conversations-page.json").data).conversations;
const buyerOf = (index: number) => conversationBuyer(conversations[index]!);
const pageEvent = (fixture: string, conversationId: string, buyer = buyerOf(0)) =>
  messagePageEventBody({ shopId: SHOP, conversationId, buyer }, readFixture(fixture));

describe("normalizeMessagePageBody", () => {
  const { messages, skipped } = normalizeMessagePageBody(pageEvent("tiktok-shop/messages-page.json", "576486316948490001"));
  const byId = (id: string) => messages.find((m) => m.externalId === `tiktok_shop:${id}`);

  it("turns a buyer's text into an inbound DM in the conversation, from the buyer's user id", () => {
    expect(byId("7223009482773365505")).toEqual({
      platform: "tiktok",
      channel: "tiktok_shop",
      kind: "dm",
      direction: "inbound",
      externalId: "tiktok_shop:7223009482773365505",
      parentExternalId: null,
      threadKey: "tiktok_shop:conversation:576486316948490001",
      // The participants' user_id (the id orders use), not the IM id the message carries.
      authorExternalId: "7000000000000000123",
      authorHandle: "maria.k",
      contactExternalId: "7000000000000000123",
      contactHandle: "maria.k",
      text: "hi, my package says delivered but nothing came. order 576893021845237781",
      likes: 0,
      visibility: "visible",
      createdAt: new Date(1755779280 * 1000),
      accountExternalId: SHOP,
      post: null,
    });
  });

  it("keeps SHOP and CUSTOMER_SERVICE messages as outbound, addressed to the buyer", () => {
    expect(byId("7223009482773365502")).toMatchObject({
      direction: "outbound",
      authorExternalId: "7100000000000000777",
      authorHandle: "Ana (Glowbar support)",
      contactExternalId: "7000000000000000123",
      contactHandle: "maria.k",
      text: "Hi Maria! Sorry to hear that. Could you share the order number so I can check with the carrier?",
    });
    expect(byId("7223009482773365496")).toMatchObject({
      direction: "outbound",
      authorHandle: "Glowbar Official",
      contactExternalId: "7000000000000000123",
      text: "Thank you for your order! It ships within 2 business days.",
    });
  });

  it("renders a buyer's order card and photo as short descriptions", () => {
    expect(byId("7223009482773365503")).toMatchObject({ direction: "inbound", text: "[order card 576893021845237781]" });
    expect(byId("7223009482773365499")).toMatchObject({ direction: "inbound", text: "[image]" });
    expect(byId("7223009482773365498")?.text).toBe("hola?? el paquete dice entregado pero no llegó nada");
  });

  it("keeps BUYER, SHOP and CUSTOMER_SERVICE; skips invisible, SYSTEM and ROBOT messages, saying why", () => {
    expect(messages.map((m) => m.externalId.replace("tiktok_shop:", ""))).toEqual([
      "7223009482773365505",
      "7223009482773365503",
      "7223009482773365502",
      "7223009482773365499",
      "7223009482773365498",
      "7223009482773365496",
    ]);
    expect(skipped).toEqual([
      "message 7223009482773365504: not visible to the shop (is_visible false)",
      "message 7223009482773365501: sender role SYSTEM is not gathered",
      "message 7223009482773365500: sender role ROBOT is not gathered",
      "message 7223009482773365497: sender role SYSTEM is not gathered",
    ]);
  });

  it("renders every card type and skips conversation markers", () => {
    const cards = normalizeMessagePageBody(pageEvent("tiktok-shop/messages-page-cards.json", "576486316948490002", buyerOf(1)));
    expect(cards.messages.map((m) => [m.direction, m.text])).toEqual([
      ["inbound", "[return/refund card for order 576893021845237781]"],
      ["outbound", "[logistics card for order 576893021845237781]"],
      ["inbound", "[product card 1729382256910270001]"],
      ["inbound", "[video]"],
      ["outbound", "[coupon card 7262992004278206762]"],
      ["inbound", "[sticker]"],
      ["inbound", "[other message]"],
    ]);
    expect(cards.messages.every((m) => m.contactExternalId === "7000000000000000456")).toBe(true);
    expect(cards.skipped).toEqual(["message 7223009482773366003: BUYER_ENTER_FROM_ORDER is a conversation event, not a message"]);
  });

  it("falls back to a writing buyer's IM id when the conversation's buyer is not known", () => {
    const result = normalizeMessagePageBody(pageEvent("tiktok-shop/messages-page.json", "576486316948490001", null));
    expect(result.messages).toHaveLength(6);
    expect(new Set(result.messages.map((m) => m.contactExternalId))).toEqual(new Set(["7100000000000000123"]));
  });

  it("skips one unreadable message instead of failing its page", () => {
    const raw = JSON.stringify({
      code: 0,
      message: "Success",
      request_id: "r",
      data: {
        messages: [
          { id: "1", type: "TEXT", content: '{"content":"ok"}', create_time: 1755779280, is_visible: true, sender: { role: "BUYER", im_user_id: "9" } },
          { id: "2", type: "TEXT", create_time: "yesterday", sender: { role: "BUYER" } },
          "not an object",
        ],
        next_page_token: "",
      },
    });
    const result = normalizeMessagePageBody(messagePageEventBody({ shopId: SHOP, conversationId: "5", buyer: buyerOf(0) }, raw));
    expect(result.messages.map((m) => m.text)).toEqual(["ok"]);
    expect(result.skipped).toHaveLength(2);
    expect(result.skipped[0]).toMatch(/^item 1: unreadable/);
  });

  it("refuses a stored page whose response was not a success", () => {
    const body = messagePageEventBody({ shopId: SHOP, conversationId: "5", buyer: null }, readFixture("tiktok-shop/error-token-expired.json"));
    expect(() => normalizeMessagePageBody(body)).toThrow();
  });
});

describe("normalizeShopWebhookBody", () => {
  it.each([
    ["tiktok-shop/webhook-new-message.json", "new message 7223009482773365505 in conversation 576486316948490001: gathered by polling the conversation"],
    ["tiktok-shop/webhook-new-conversation.json", "new conversation 576486316948490001: gathered by polling the shop's conversations"],
    // Stored under the customer-service format before orders were read: order events have their own now.
    ["tiktok-shop/webhook-order-status.json", "order 576893021845237781: an order event stored before orders were read"],
  ])("yields no message for %s, and says where it is gathered", (fixture, reason) => {
    expect(normalizeShopWebhookBody(readFixture(fixture))).toEqual({ messages: [], skipped: [reason] });
  });
});

const role = fc.constantFrom("BUYER", "SHOP", "CUSTOMER_SERVICE", "SYSTEM", "ROBOT", "UNKNOWN_ROLE");
const type = fc.constantFrom("TEXT", "IMAGE", "ORDER_CARD", "PRODUCT_CARD", "VIDEO", "NOTIFICATION", "BUYER_ENTER_FROM_ORDER", "OTHER", "NEW_TYPE");
const anyId = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.nat());
const message = fc.record(
  {
    id: anyId,
    type,
    content: fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 200 }),
      fc.string({ unit: "grapheme", maxLength: 200 }).map((text) => JSON.stringify({ content: text })),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    ),
    create_time: fc.oneof(fc.integer({ min: 0, max: 4_000_000_000 }), fc.integer({ min: 1e12, max: 1e14 }), fc.constant(-1), fc.string()),
    is_visible: fc.oneof(fc.boolean(), fc.constant("yes")),
    index: fc.string({ maxLength: 20 }),
    sender: fc.record({ role, im_user_id: fc.option(anyId), nickname: fc.option(fc.string({ maxLength: 40 })) }, { requiredKeys: ["role"] }),
  },
  { requiredKeys: [] },
);

describe("normalizers (property-based)", () => {
  it("turn any page of messages into well-formed DMs or reasons, never a crash", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(message, fc.jsonValue()), { maxLength: 12 }),
        fc.option(fc.record({ user_id: fc.option(anyId), im_user_id: fc.option(anyId), nickname: fc.option(fc.string()) })),
        (items, buyer) => {
          const raw = JSON.stringify({ code: 0, message: "Success", request_id: "r", data: { messages: items, next_page_token: "" } });
          const body = JSON.stringify({ shop_id: SHOP, conversation_id: "576486316948490001", buyer, response: JSON.parse(raw) as unknown });
          const { messages, skipped } = normalizeMessagePageBody(body);
          expect(messages.length + skipped.length).toBe(items.length);
          for (const m of messages) {
            expect(m.externalId).toMatch(/^tiktok_shop:.+/);
            expect(m.threadKey).toBe("tiktok_shop:conversation:576486316948490001");
            expect(["inbound", "outbound"]).toContain(m.direction);
            expect(m.contactExternalId.length).toBeGreaterThan(0);
            expect(typeof m.text).toBe("string");
            expect(Number.isNaN(m.createdAt.getTime())).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("read any webhook envelope the route accepted without a crash", () => {
    fc.assert(
      fc.property(
        fc.record({
          // Order types (1, 11, 12) carry order data: the property below reads them.
          type: fc.oneof(fc.constantFrom(13, 14, "NEW_MESSAGE", "14", 2), fc.integer().filter((n) => ![1, 11, 12].includes(n))),
          shop_id: anyId,
          // The route refuses implausible times (before 2010, more than a day ahead).
          timestamp: fc.integer({ min: 1_262_304_000, max: Math.floor(Date.now() / 1000) }),
          data: fc.record({ conversation_id: anyId, message_id: fc.option(anyId) }, { requiredKeys: ["conversation_id"] }),
        }),
        (payload) => {
          const { messages, skipped } = normalizeShopWebhookBody(JSON.stringify(payload));
          expect(messages).toEqual([]);
          expect(skipped).toHaveLength(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("normalizeOrderWebhookBody (property-based)", () => {
  it("reads any order, return or cancellation event the route accepted as one order change and no message", () => {
    const time = fc.integer({ min: 1_262_304_000, max: Math.floor(Date.now() / 1000) });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ type: fc.constantFrom(1, "ORDER_STATUS_CHANGE"), data: fc.record({ order_id: anyId, order_status: fc.string({ minLength: 1, maxLength: 30 }), update_time: time }) }),
          fc.record({ type: fc.constantFrom(12, "RETURN_STATUS_CHANGE"), data: fc.record({ order_id: anyId, return_id: anyId, return_status: fc.string({ minLength: 1, maxLength: 30 }) }) }),
          fc.record({ type: fc.constantFrom(11, "CANCELLATION_STATUS_CHANGE"), data: fc.record({ order_id: anyId, cancel_id: anyId, cancel_status: fc.string({ minLength: 1, maxLength: 30 }) }) }),
        ),
        anyId,
        time,
        (event, shopId, timestamp) => {
          const result = normalizeOrderWebhookBody(JSON.stringify({ ...event, shop_id: shopId, timestamp }));
          expect(result.messages).toEqual([]);
          expect(result.orders).toEqual([{ system: "tiktok_shop", orderId: String(event.data.order_id), channel: "tiktok_shop", accountExternalId: String(shopId) }]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
