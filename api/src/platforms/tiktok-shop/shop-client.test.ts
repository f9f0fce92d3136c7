import { describe, expect, it } from "vitest";
import { readFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { PlatformApiError } from "../../connectors/contract.ts";
import { verifyShopRequestSignature } from "./request-signing.ts";
import { createShopClient, textMessage } from "./shop-client.ts";

interface Seen {
  url: URL;
  init: RequestInit;
}

function clientAnswering(status: number, body: string, headers: Record<string, string> = {}) {
  const seen: Seen[] = [];
  const client = createShopClient({
    baseUrl: "https://open-api.tiktokglobalshop.com",
    appKey: "app-key",
    appSecret: "app-secret",
    accessToken: "ROW_token",
    shopCipher: "ROW_cipher",
    clock: () => new Date(1755779300_000),
    fetch: async (input, init) => {
      seen.push({ url: new URL(String(input)), init: init ?? {} });
      return new Response(body, { status, headers: { "content-type": "application/json", ...headers } });
    },
  });
  return { client, seen };
}

async function failure(promise: Promise<unknown>): Promise<PlatformApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformApiError);
  return error as PlatformApiError;
}

describe("createShopClient", () => {
  it("signs a GET with app_key, timestamp and shop_cipher and sends the token in x-tts-access-token", async () => {
    const { client, seen } = clientAnswering(200, readFixture("tiktok-shop/conversations-page.json"));
    const { page, raw } = await client.listConversations({ pageToken: "MjA=" });
    expect(page.conversations.map((c) => c.id)).toEqual(["576486316948490001", "576486316948490002"]);
    expect(page.next_page_token).toBe("MjA=");
    expect(raw).toBe(readFixture("tiktok-shop/conversations-page.json"));

    const { url, init } = seen[0]!;
    expect(url.pathname).toBe("/customer_service/202309/conversations");
    const query = Object.fromEntries(url.searchParams);
    expect(query).toMatchObject({ app_key: "app-key", timestamp: "1755779300", shop_cipher: "ROW_cipher", page_size: "20", page_token: "MjA=" });
    expect(query.access_token).toBeUndefined();
    expect(verifyShopRequestSignature({ path: url.pathname, query }, query.sign, "app-secret")).toBe(true);
    expect(new Headers(init.headers).get("x-tts-access-token")).toBe("ROW_token");
  });

  it("asks for messages newest first, sorted by create time, at most 10 a page", async () => {
    const { client, seen } = clientAnswering(200, readFixture("tiktok-shop/messages-page.json"));
    const { page } = await client.listMessages("576486316948490001", { pageSize: 50 });
    expect(page.messages).toHaveLength(10);
    const query = Object.fromEntries(seen[0]!.url.searchParams);
    expect(query).toMatchObject({ page_size: "10", sort_order: "DESC", sort_field: "create_time" });
    expect(query.page_token).toBeUndefined();
  });

  it("signs the JSON body of a send, with the content as a JSON string", async () => {
    const { client, seen } = clientAnswering(200, readFixture("tiktok-shop/send-message-response.json"));
    const { messageId } = await client.sendMessage("576486316948490001", textMessage("Your parcel is on its way!"));
    expect(messageId).toBe("7223009482773369999");
    const { url, init } = seen[0]!;
    expect(JSON.parse(String(init.body))).toEqual({ type: "TEXT", content: '{"content":"Your parcel is on its way!"}' });
    const query = Object.fromEntries(url.searchParams);
    expect(verifyShopRequestSignature({ path: url.pathname, query, body: String(init.body) }, query.sign, "app-secret")).toBe(true);
  });

  it("refuses an empty text, or one over 2,000 characters, before calling", () => {
    expect(() => textMessage("")).toThrow(PlatformApiError);
    expect(() => textMessage("x".repeat(2001))).toThrow(/at most 2000/);
    expect(textMessage("😀".repeat(2000)).content).toEqual({ content: "😀".repeat(2000) });
  });

  it("reads an expired-token envelope as token_expired", async () => {
    const { client } = clientAnswering(401, readFixture("tiktok-shop/error-token-expired.json"));
    const error = await failure(client.listConversations());
    expect(error).toMatchObject({ kind: "token_expired", platformCode: "105002" });
    expect(error.message).toContain("Access token is expired");
  });

  it("reads HTTP 429 with Retry-After as rate_limited for that long", async () => {
    const { client } = clientAnswering(429, readFixture("tiktok-shop/error-too-many-requests.json"), { "retry-after": "12" });
    expect(await failure(client.listConversations())).toMatchObject({ kind: "rate_limited", retryAfterMs: 12_000 });
  });

  it("reads a throttling message in an HTTP 200 envelope as rate_limited too", async () => {
    const { client } = clientAnswering(200, readFixture("tiktok-shop/error-too-many-requests.json"));
    expect(await failure(client.listConversations())).toMatchObject({ kind: "rate_limited", retryAfterMs: undefined });
  });

  it.each([
    ["a 500 with an envelope", 500, '{"code":36009999,"message":"Internal error","request_id":"r"}', "transient"],
    ["a 502 with an HTML page", 502, "<html>Bad Gateway</html>", "transient"],
    ["a 200 that is not JSON", 200, "<html>", "transient"],
    ["a success envelope whose data is unreadable", 200, '{"code":0,"message":"Success","data":{"conversations":"nope"}}', "transient"],
    ["an unknown conversation", 200, '{"code":36009003,"message":"Conversation not found.","request_id":"r"}', "rejected"],
    ["a refused signature", 401, '{"code":106001,"message":"Invalid credentials","request_id":"r"}', "rejected"],
  ])("reads %s as %s", async (_, status, body, kind) => {
    const { client } = clientAnswering(status, body);
    expect(await failure(client.listConversations())).toMatchObject({ kind });
  });

  it("reads a network failure as transient", async () => {
    const client = createShopClient({
      baseUrl: "https://open-api.tiktokglobalshop.com",
      appKey: "k",
      appSecret: "s",
      accessToken: "t",
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    expect(await failure(client.listConversations())).toMatchObject({ kind: "transient", message: expect.stringContaining("fetch failed") });
  });
});
