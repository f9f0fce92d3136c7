import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorServer } from "../emulator-server.ts";
import { createShopClient } from "@surgedesk/api/platforms/tiktok-shop/shop-client.ts";
import { verifyShopWebhookSignature } from "@surgedesk/api/platforms/tiktok-shop/webhook-signature.ts";
import { shopWebhookPayloadSchema } from "@surgedesk/api/platforms/tiktok-shop/webhook-payload.ts";
import type { PlatformApiError } from "@surgedesk/api/connectors/contract.ts";
import { TikTokShopEmulator, outOfOrder, repeatedDeliveries } from "./shop-emulator.ts";
import { agentVisibleMessages, seedShop } from "./seed-shop.ts";
import type { EmulatedShop } from "./emulated-shop.ts";

const APP = { appKey: "emu-app-key", appSecret: "emu-app-secret" };
const emulator = new TikTokShopEmulator(APP);
const server = startEmulatorServer(emulator.handlers());
afterAll(() => server.close());

function clientFor(shop: EmulatedShop, overrides: Partial<Parameters<typeof createShopClient>[0]> = {}) {
  return createShopClient({ baseUrl: emulator.baseUrl, ...APP, accessToken: shop.accessToken, shopCipher: shop.cipher, ...overrides });
}

async function refusal(promise: Promise<unknown>): Promise<PlatformApiError> {
  return promise.then(
    () => {
      throw new Error("expected the call to be refused");
    },
    (error: unknown) => error as PlatformApiError,
  );
}

let shop: EmulatedShop;
beforeAll(() => {
  shop = emulator.addShop();
  seedShop(shop, { conversations: 25, messagesPerConversation: 30, start: new Date(Date.now() - 3 * 86_400_000) });
});

describe("TikTok Shop emulator", () => {
  it("pages conversations 20 at a time, most recently active first, with an empty token at the end", async () => {
    const client = clientFor(shop);
    const first = await client.listConversations();
    expect(first.page.conversations).toHaveLength(20);
    expect(first.page.next_page_token).not.toBe("");
    const second = await client.listConversations({ pageToken: first.page.next_page_token });
    expect(second.page.conversations).toHaveLength(5);
    expect(second.page.next_page_token).toBe("");
    const activity = [...first.page.conversations, ...second.page.conversations].map((c) => c.latest_message?.create_time.getTime() ?? 0);
    expect(activity).toEqual([...activity].sort((a, b) => b - a));
    const [conversation] = first.page.conversations;
    expect(conversation?.participants.map((p) => p.role)).toEqual(["BUYER", "SHOP", "CUSTOMER_SERVICE"]);
  });

  it("pages a conversation's messages newest first; a new message does not shift the pass", async () => {
    const client = clientFor(shop);
    const conversation = [...shop.conversations.values()][0]!;
    const first = await client.listMessages(conversation.id);
    expect(first.page.messages).toHaveLength(10);
    shop.addBuyerMessage(conversation.id, "are you there?");
    const ids: string[] = [];
    let token: string | null | undefined = first.page.next_page_token;
    while (token) {
      const next = await client.listMessages(conversation.id, { pageToken: token });
      ids.push(...next.page.messages.map((m) => (m as { id: string }).id));
      token = next.page.next_page_token;
    }
    const expected = conversation.messages.slice(0, 20).reverse().map((m) => m.id);
    expect(ids).toEqual(expected);
  });

  it("takes a sent text into the conversation as the shop's message", async () => {
    const conversation = [...shop.conversations.values()][1]!;
    const { messageId } = await clientFor(shop).sendMessage(conversation.id, { type: "TEXT", content: { content: "On its way!" } });
    expect(shop.sent.at(-1)).toEqual({ conversationId: conversation.id, type: "TEXT", content: '{"content":"On its way!"}', messageId });
    expect(conversation.messages.at(-1)).toMatchObject({ id: messageId, sender: { role: "CUSTOMER_SERVICE" } });
  });

  it("refuses a text over 2,000 characters and an unknown conversation", async () => {
    const conversation = [...shop.conversations.values()][1]!;
    const long = await refusal(clientFor(shop).sendMessage(conversation.id, { type: "TEXT", content: { content: "x".repeat(2001) } }));
    expect(long).toMatchObject({ kind: "rejected", message: expect.stringContaining("2000") });
    expect(await refusal(clientFor(shop).listMessages("1"))).toMatchObject({ kind: "rejected" });
  });

  it.each([
    ["a request signed with the wrong secret", { appSecret: "wrong" }, "Invalid credentials"],
    ["another app's key", { appKey: "someone-else" }, "Invalid app_key"],
    ["a stale timestamp", { clock: () => new Date(Date.now() - 10 * 60_000) }, "timestamp"],
    ["an unknown access token", { accessToken: "nope" }, "Access token is invalid"],
    ["a missing shop cipher", { shopCipher: null }, "shop_cipher"],
  ])("refuses %s", async (_, overrides, message) => {
    const error = await refusal(clientFor(shop, overrides).listConversations());
    expect(error.message).toContain(message);
  });

  it("injects throttling (429 + Retry-After), server errors and token expiry", async () => {
    emulator.faults.throttle(1, { retryAfterSeconds: 7 }).serverErrors(1);
    const client = clientFor(shop);
    expect(await refusal(client.listConversations())).toMatchObject({ kind: "rate_limited", retryAfterMs: 7000 });
    expect(await refusal(client.listConversations())).toMatchObject({ kind: "transient" });
    await expect(client.listConversations()).resolves.toBeDefined();
    const other = emulator.addShop();
    other.expireToken();
    expect(await refusal(clientFor(other).listConversations())).toMatchObject({ kind: "token_expired", platformCode: "105002" });
  });

  it("seeds a realistic mix, and knows which messages an agent should see", () => {
    const fresh = new TikTokShopEmulator(APP).addShop();
    seedShop(fresh, { conversations: 2, messagesPerConversation: 30, start: new Date() });
    const roles = [...fresh.conversations.values()][0]!.messages.map((m) => m.sender.role);
    expect(new Set(roles)).toEqual(new Set(["BUYER", "SHOP", "CUSTOMER_SERVICE", "SYSTEM", "ROBOT"]));
    // Per 10 seeded messages: two SYSTEM (one of them invisible) and one ROBOT are not for agents.
    expect(agentVisibleMessages(fresh)).toHaveLength(2 * 21);
  });

  it("signs webhook deliveries as the platform does, in any order and repeated", () => {
    const conversation = [...shop.conversations.values()][2]!;
    const message = shop.addBuyerMessage(conversation.id, "hello?");
    const delivery = emulator.newMessageDelivery(shop, conversation, message);
    const raw = new TextEncoder().encode(delivery.body);
    expect(verifyShopWebhookSignature(raw, delivery.headers.authorization, APP.appKey, APP.appSecret)).toBe(true);
    expect(shopWebhookPayloadSchema.parse(JSON.parse(delivery.body))).toMatchObject({
      shopId: shop.shopId,
      event: { kind: "new_message", conversationId: conversation.id, messageId: message.id },
    });
    expect(repeatedDeliveries(delivery, 3)).toEqual([delivery, delivery, delivery]);
    const items = [1, 2, 3, 4, 5];
    const shuffled = outOfOrder(items);
    expect([...shuffled].sort()).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });
});
