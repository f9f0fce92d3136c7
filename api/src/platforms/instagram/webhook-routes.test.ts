import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import fc from "fast-check";
import { inboundEvents, messages } from "../../db/schema/index.ts";
import { createTestApp, TEST_VERIFY_TOKEN, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { readFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { signMetaPayload } from "./signature.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const countEvents = async () => (await t.database.db.select({ n: count() }).from(inboundEvents))[0]!.n;
const messagesWithExternalId = (externalId: string) =>
  t.database.db.select().from(messages).where(eq(messages.externalId, externalId));

describe("GET /webhooks/instagram (verification handshake)", () => {
  it("answers the challenge as plain text when the verify token matches", async () => {
    const res = await t.app.request(
      `/webhooks/instagram?hub.mode=subscribe&hub.verify_token=${TEST_VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe("1158201444");
  });

  it.each([
    ["a wrong token", "hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1"],
    ["no token", "hub.mode=subscribe&hub.challenge=1"],
    ["another mode", `hub.mode=unsubscribe&hub.verify_token=${TEST_VERIFY_TOKEN}&hub.challenge=1`],
  ])("is forbidden with %s", async (_, query) => {
    const res = await t.app.request(`/webhooks/instagram?${query}`);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
  });
});

describe("POST /webhooks/instagram", () => {
  it("stores a correctly signed delivery, then normalizes it into a message", async () => {
    const before = await countEvents();
    const body = readFixture("instagram/comment.json");
    const res = await t.app.request("/webhooks/instagram", signedInstagramPost(body));
    expect(res.status).toBe(200);
    const { eventId } = (await res.json()) as { eventId: number };

    const [event] = await t.database.db.select().from(inboundEvents).where(eq(inboundEvents.id, eventId));
    expect(event).toMatchObject({ status: "pending", body, platform: "instagram", source: "webhook" });
    expect(await countEvents()).toBe(before + 1);

    await t.ingest.drain();
    const [message] = await messagesWithExternalId("17919697626119712");
    expect(message).toMatchObject({
      kind: "comment",
      authorHandle: "buyer123",
      text: "where is my order?? ordered 2 weeks ago #10482",
      workspaceId: t.workspaceId,
      status: "open",
      inboundEventId: eventId,
    });
    const [processed] = await t.database.db.select().from(inboundEvents).where(eq(inboundEvents.id, eventId));
    expect(processed?.status).toBe("processed");
  });

  it("stores a DM delivery and links it to the customer's conversation", async () => {
    const res = await t.app.request("/webhooks/instagram", signedInstagramPost(readFixture("instagram/dm.json")));
    expect(res.status).toBe(200);
    await t.ingest.drain();
    const stored = await t.database.db.select().from(messages).where(eq(messages.kind, "dm"));
    expect(stored.map((m) => m.text)).toContain("hi, my package says delivered but nothing came");
  });

  it.each([
    ["a signature made with the wrong secret", (body: string) => signedInstagramPost(body, "not-the-secret")],
    [
      "a body tampered with after signing",
      (body: string) => ({ ...signedInstagramPost(body), body: body.replace("where is my order", "where is my ORDER") }),
    ],
    ["no signature header", (body: string) => ({ method: "POST", headers: { "content-type": "application/json" }, body })],
    [
      "a sha1 signature",
      (body: string) => ({ method: "POST", headers: { "x-hub-signature": signMetaPayload(body, "x") }, body }),
    ],
  ])("refuses %s with 401 and stores nothing", async (_, makeRequest) => {
    const { body } = instagramCommentDelivery({ text: "where is my order" });
    const before = await countEvents();
    const res = await t.app.request("/webhooks/instagram", makeRequest(body));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthorized", message: expect.any(String) } });
    expect(await countEvents()).toBe(before);
  });

  it("answers 200 to an exact repeat of a stored delivery (a retry whose 200 was lost) and stores it once", async () => {
    const { commentId, body } = instagramCommentDelivery();
    const before = await countEvents();
    const first = await t.app.request("/webhooks/instagram", signedInstagramPost(body));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ received: true, repeat: false, eventId: expect.any(Number) });
    const repeat = await t.app.request("/webhooks/instagram", signedInstagramPost(body));
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ received: true, repeat: true });
    expect(await countEvents()).toBe(before + 1);
    // The same delivery altered after signing is still refused.
    const altered = await t.app.request("/webhooks/instagram", { ...signedInstagramPost(body), body: body.replace(commentId, `${commentId}9`) });
    expect(altered.status).toBe(401);
    expect(await countEvents()).toBe(before + 1);
    await t.ingest.drain();
    expect(await messagesWithExternalId(commentId)).toHaveLength(1);
  });

  it("stores text carrying a NUL escape without failing the event", async () => {
    const { commentId, body } = instagramCommentDelivery({ text: "hidden\u0000nul" });
    expect(body).toContain("\\u0000");
    expect((await t.app.request("/webhooks/instagram", signedInstagramPost(body))).status).toBe(200);
    await t.ingest.drain();
    const [message] = await messagesWithExternalId(commentId);
    expect(message?.text).toBe("hiddennul");
  });

  it("answers 400 for a signed body that is not JSON, and stores nothing", async () => {
    const before = await countEvents();
    const res = await t.app.request("/webhooks/instagram", signedInstagramPost('{"object":"instagram",'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_json" } });
    expect(await countEvents()).toBe(before);
  });

  it("answers 400 naming the field for a signed payload of the wrong shape", async () => {
    const body = JSON.stringify({ object: "instagram", entry: [{ id: "1", time: 1, changes: [{ field: "comments", value: {} }] }] });
    const res = await t.app.request("/webhooks/instagram", signedInstagramPost(body));
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("validation_failed");
    expect(error.message).toContain("entry.0.changes.0.value.id");
  });

  it("answers 413 for a body over the limit", async () => {
    const body = JSON.stringify({ object: "instagram", entry: [], padding: "x".repeat(1024 * 1024) });
    const res = await t.app.request("/webhooks/instagram", signedInstagramPost(body));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("answers a 4xx or stores the delivery for any signed JSON, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.record({ object: fc.constant("instagram"), entry: fc.array(fc.jsonValue(), { maxLength: 3 }) }).map((v) => JSON.stringify(v)),
          fc.string(),
          fc
            .record({
              id: fc.string({ minLength: 1, maxLength: 40 }),
              text: fc.string({ unit: "grapheme", maxLength: 300 }),
              from: fc.record({ id: fc.string({ minLength: 1 }), username: fc.string() }),
              parent_id: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
            })
            .map((value) =>
              JSON.stringify({ object: "instagram", entry: [{ id: "17841400000000001", time: 1755779280, changes: [{ field: "comments", value }] }] }),
            ),
        ),
        async (body) => {
          const res = await t.app.request("/webhooks/instagram", signedInstagramPost(body));
          expect([200, 400]).toContain(res.status);
        },
      ),
      { numRuns: 200 },
    );
    await t.ingest.drain();
    // What was accepted was also processable: nothing ended in the failed state.
    const failed = await t.database.db.select().from(inboundEvents).where(eq(inboundEvents.status, "failed"));
    expect(failed.map((e) => e.lastError)).toEqual([]);
  });
});
