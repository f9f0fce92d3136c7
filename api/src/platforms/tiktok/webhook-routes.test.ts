import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import fc from "fast-check";
import { inboundEvents, messages } from "../../db/schema/index.ts";
import { createTestApp, TEST_TIKTOK_CLIENT_SECRET, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { readFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { signTikTokPayload, TIKTOK_SIGNATURE_HEADER } from "./signature.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const countEvents = async () => (await t.database.db.select({ n: count() }).from(inboundEvents))[0]!.n;

function signedPost(body: string, options: { secret?: string; at?: Date } = {}): RequestInit {
  const signature = signTikTokPayload(body, options.secret ?? TEST_TIKTOK_CLIENT_SECRET, options.at ?? new Date());
  return { method: "POST", headers: { "content-type": "application/json", [TIKTOK_SIGNATURE_HEADER]: signature }, body };
}

/** A plausible signing time for hand-written envelopes: implausible ones are refused for that first. */
const NOW_S = Math.floor(Date.now() / 1000);

let sequence = 0;
/** A unique im_receive_msg delivery. */
function dmDelivery(text = "hi, where is my parcel?") {
  sequence += 1;
  const messageId = `7541${Date.now()}${String(sequence).padStart(5, "0")}`;
  const content = {
    conversation_id: "conv-webhook-test",
    message_id: messageId,
    timestamp: Date.now(),
    type: "text",
    text: { body: text },
    from_user: { id: "-000buyer" },
    to_user: { id: "-000brand" },
  };
  const body = JSON.stringify({ client_key: "ck", event: "im_receive_msg", create_time: Math.floor(Date.now() / 1000), user_openid: "-000brand", content: JSON.stringify(content) });
  return { messageId, body };
}

describe("POST /webhooks/tiktok", () => {
  it("stores a correctly signed DM delivery, then normalizes it into a message", async () => {
    const body = readFixture("tiktok/dm-receive-text.json");
    const res = await t.app.request("/webhooks/tiktok", signedPost(body));
    expect(res.status).toBe(200);
    const { eventId } = (await res.json()) as { eventId: number };
    const [event] = await t.database.db.select().from(inboundEvents).where(eq(inboundEvents.id, eventId));
    expect(event).toMatchObject({ status: "pending", body, platform: "tiktok", source: "webhook", format: "tiktok.dm_webhook" });

    await t.ingest.drain();
    const [message] = await t.database.db.select().from(messages).where(eq(messages.externalId, "7541100000000000001"));
    expect(message).toMatchObject({ kind: "dm", direction: "inbound", platform: "tiktok", status: "open", inboundEventId: eventId });
  });

  it("stores the echo of the brand's own send as an outbound, closed message", async () => {
    expect((await t.app.request("/webhooks/tiktok", signedPost(readFixture("tiktok/dm-send-echo.json")))).status).toBe(200);
    await t.ingest.drain();
    const [echo] = await t.database.db.select().from(messages).where(eq(messages.externalId, "7541100000000000003"));
    expect(echo).toMatchObject({ direction: "outbound", status: "closed", label: null });
  });

  it("accepts a read receipt and stores no message for it", async () => {
    const res = await t.app.request("/webhooks/tiktok", signedPost(readFixture("tiktok/dm-mark-read.json")));
    expect(res.status).toBe(200);
    const { eventId } = (await res.json()) as { eventId: number };
    await t.ingest.drain();
    const [event] = await t.database.db.select().from(inboundEvents).where(eq(inboundEvents.id, eventId));
    expect(event).toMatchObject({ status: "processed", outcome: { messages: 0, skipped: ["read receipt"] } });
  });

  const stale = new Date(Date.now() - 6 * 60_000);
  it.each([
    ["a signature made with the wrong secret", (body: string) => signedPost(body, { secret: "not-the-secret" }), "does not match"],
    ["a body tampered with after signing", (body: string) => ({ ...signedPost(body), body: body.replace("parcel", "PARCEL") }), "does not match"],
    ["a stale timestamp", (body: string) => signedPost(body, { at: stale }), "older than 5 minutes"],
    ["a timestamp from the future", (body: string) => signedPost(body, { at: new Date(Date.now() + 10 * 60_000) }), "from the future"],
    ["no signature header", (body: string) => ({ method: "POST", headers: { "content-type": "application/json" }, body }), "missing"],
    ["a header in another scheme", (body: string) => ({ method: "POST", headers: { [TIKTOK_SIGNATURE_HEADER]: "sha256=abc" }, body }), "t=<unix seconds>"],
  ])("refuses %s with 401 and stores nothing", async (_, makeRequest, why) => {
    const { body } = dmDelivery();
    const before = await countEvents();
    const res = await t.app.request("/webhooks/tiktok", makeRequest(body));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthorized", message: expect.stringContaining(why) } });
    expect(await countEvents()).toBe(before);
  });

  it("answers 200 to an exact repeat of a stored delivery (TikTok retrying a lost 200) and stores it once", async () => {
    const { messageId, body } = dmDelivery();
    const request = signedPost(body);
    const before = await countEvents();
    const first = await t.app.request("/webhooks/tiktok", request);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ received: true, repeat: false, eventId: expect.any(Number) });
    const repeat = await t.app.request("/webhooks/tiktok", request);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ received: true, repeat: true });
    expect(await countEvents()).toBe(before + 1);
    // Altered after signing: refused, stored nothing.
    const altered = await t.app.request("/webhooks/tiktok", { ...request, body: body.replace("parcel", "PARCEL") });
    expect(altered.status).toBe(401);
    expect(await countEvents()).toBe(before + 1);
    await t.ingest.drain();
    expect(await t.database.db.select().from(messages).where(eq(messages.externalId, messageId))).toHaveLength(1);
  });

  it("refuses a stored delivery's exact repeat once its timestamp is out of tolerance", async () => {
    const { body } = dmDelivery();
    const request = signedPost(body, { at: new Date(Date.now() - 6 * 60_000) });
    const res = await t.app.request("/webhooks/tiktok", request);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringContaining("older than 5 minutes") } });
  });

  it("accepts the retry of a request it refused for its shape: only stored requests count as seen", async () => {
    const request = signedPost('{"client_key":');
    expect((await t.app.request("/webhooks/tiktok", request)).status).toBe(400);
    expect((await t.app.request("/webhooks/tiktok", request)).status).toBe(400);
  });

  it("keeps one message when TikTok delivers the same event again (a retry, signed anew)", async () => {
    const { messageId, body } = dmDelivery();
    for (let i = 0; i < 3; i++) {
      const res = await t.app.request("/webhooks/tiktok", signedPost(body, { at: new Date(Date.now() - i * 1000) }));
      expect(res.status).toBe(200);
    }
    await t.ingest.drain();
    expect(await t.database.db.select().from(messages).where(eq(messages.externalId, messageId))).toHaveLength(1);
  });

  it("answers 400 invalid_json for a signed body that is not JSON, and stores nothing", async () => {
    const before = await countEvents();
    const res = await t.app.request("/webhooks/tiktok", signedPost('{"event":'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_json" } });
    expect(await countEvents()).toBe(before);
  });

  it.each([
    ["an envelope without content", { client_key: "k", event: "im_receive_msg", create_time: NOW_S, user_openid: "b" }, "content"],
    ["content that is not a JSON string", { client_key: "k", event: "im_receive_msg", create_time: NOW_S, user_openid: "b", content: "{oops" }, "content: content is not a JSON document"],
    [
      "a message without its id",
      { client_key: "k", event: "im_receive_msg", create_time: NOW_S, user_openid: "b", content: JSON.stringify({ conversation_id: "c", timestamp: NOW_S * 1000, type: "text", from_user: { id: "u" }, to_user: { id: "b" } }) },
      "content.message_id",
    ],
  ])("answers 400 naming the field for %s, and stores nothing", async (_, payload, field) => {
    const before = await countEvents();
    const res = await t.app.request("/webhooks/tiktok", signedPost(JSON.stringify(payload)));
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("validation_failed");
    expect(error.message).toContain(field);
    expect(await countEvents()).toBe(before);
  });

  it("answers a 4xx or stores the delivery for any signed body, never a 500", async () => {
    const content = fc.record(
      {
        conversation_id: fc.string(),
        message_id: fc.string(),
        timestamp: fc.oneof(fc.integer(), fc.string()),
        type: fc.string(),
        text: fc.record({ body: fc.string({ unit: "grapheme", maxLength: 200 }) }),
        from_user: fc.record({ id: fc.string() }),
        to_user: fc.record({ id: fc.string() }),
      },
      { requiredKeys: ["conversation_id", "message_id", "from_user", "to_user"] },
    );
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record({
          client_key: fc.string(),
          event: fc.constantFrom("im_receive_msg", "im_send_msg", "im_mark_read_msg", "something_else"),
          create_time: fc.oneof(fc.nat(), fc.string()),
          user_openid: fc.string({ minLength: 1 }),
          content: fc.oneof(content.map((c) => JSON.stringify(c)), fc.json(), fc.string()),
        })
        .map((envelope) => JSON.stringify(envelope)),
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const res = await t.app.request("/webhooks/tiktok", signedPost(text));
        expect([200, 400]).toContain(res.status);
      }),
      { numRuns: 200 },
    );
    await t.ingest.drain();
    // What was accepted was also processable: nothing ended in the failed state.
    const failed = await t.database.db.select().from(inboundEvents).where(eq(inboundEvents.status, "failed"));
    expect(failed.map((e) => e.lastError)).toEqual([]);
  });
});
