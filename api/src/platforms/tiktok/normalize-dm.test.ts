import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { tiktokConnector } from "./index.ts";
import { readFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { parseDmWebhook } from "./dm-webhook-payload.ts";
import { normalizeTikTokDmWebhook } from "./normalize-dm.ts";

const BUSINESS = "-000Kq2vYxLbN7c9RtUe4WmHs1pZ3aFd";
const BUYER = "-000Vn3KZbq1YxNmUe8f4JrX9Hw2Lp0Tc";
const CONVERSATION = "MS4wLjABAAAAconv0Vn3KZbq1YxNmUe8f4JrX9Hw2Lp0Tc";

function normalizeFixture(path: string) {
  const parsed = parseDmWebhook(readFixture(path));
  if (!parsed.ok) throw new Error(parsed.message);
  return normalizeTikTokDmWebhook(parsed.value);
}

describe("normalizeTikTokDmWebhook", () => {
  it("turns im_receive_msg into the buyer's inbound DM in their conversation", () => {
    expect(normalizeFixture("tiktok/dm-receive-text.json")).toEqual({
      skipped: [],
      messages: [
        {
          platform: "tiktok",
          channel: "tiktok_business",
          kind: "dm",
          direction: "inbound",
          externalId: "7541100000000000001",
          parentExternalId: null,
          threadKey: `tiktok:dm:${BUSINESS}:${CONVERSATION}`,
          authorExternalId: BUYER,
          authorHandle: null,
          contactExternalId: BUYER,
          contactHandle: null,
          text: "hi, my package says delivered but nothing came. order #10482",
          likes: 0,
          visibility: "visible",
          createdAt: new Date(1755780300123),
          accountExternalId: BUSINESS,
          post: null,
        },
      ],
    });
  });

  it("describes a message without text by its type", () => {
    const [image] = normalizeFixture("tiktok/dm-receive-image.json").messages;
    expect(image).toMatchObject({ text: "[image]", direction: "inbound", threadKey: `tiktok:dm:${BUSINESS}:${CONVERSATION}` });
  });

  it.each(["constructor", "toString", "__proto__"])("describes a message of type %s as text, not as an object property", (type) => {
    const fixture = JSON.parse(readFixture("tiktok/dm-receive-image.json")) as { content: string };
    const content = JSON.parse(fixture.content) as Record<string, unknown>;
    const parsed = parseDmWebhook(JSON.stringify({ ...fixture, content: JSON.stringify({ ...content, type, text: null }) }));
    if (!parsed.ok) throw new Error(parsed.message);
    const [message] = normalizeTikTokDmWebhook(parsed.value).messages;
    expect(message?.text).toBe(`[${type} message]`);
  });

  it("keeps im_send_msg (the echo of the brand's own send) as outbound, never as the customer's", () => {
    const [echo] = normalizeFixture("tiktok/dm-send-echo.json").messages;
    expect(echo).toMatchObject({
      direction: "outbound",
      authorExternalId: BUSINESS,
      contactExternalId: BUYER,
      threadKey: `tiktok:dm:${BUSINESS}:${CONVERSATION}`,
      text: "Thanks Maria, we're checking with the carrier now.",
    });
  });

  it("skips im_mark_read_msg", () => {
    expect(normalizeFixture("tiktok/dm-mark-read.json")).toEqual({ messages: [], skipped: ["read receipt"] });
  });

  it("skips events it does not gather", () => {
    const body = JSON.stringify({ client_key: "k", event: "authorization.removed", create_time: 1_755_779_280, user_openid: BUSINESS, content: '{"reason":1}' });
    expect(tiktokConnector.eventFormats["tiktok.dm_webhook"]!(body)).toEqual({ messages: [], skipped: ['event "authorization.removed" is not gathered'] });
  });

  it("names the field when content is not what a message event needs", () => {
    const body = JSON.stringify({ client_key: "k", event: "im_receive_msg", create_time: 1_755_779_280, user_openid: BUSINESS, content: '{"conversation_id":"c"}' });
    const parsed = parseDmWebhook(body);
    expect(parsed).toMatchObject({ ok: false, code: "validation_failed", message: expect.stringContaining("content.message_id") });
    expect(parseDmWebhook(JSON.stringify({ ...JSON.parse(body), content: "{not json" }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("content: content is not a JSON document"),
    });
  });

  it("either refuses arbitrary input cleanly or produces well-formed messages", () => {
    const content = fc.record(
      {
        conversation_id: fc.string(),
        message_id: fc.string(),
        timestamp: fc.oneof(fc.integer(), fc.double(), fc.string()),
        type: fc.string(),
        text: fc.oneof(fc.record({ body: fc.string({ unit: "grapheme" }) }), fc.jsonValue()),
        from_user: fc.record({ id: fc.oneof(fc.string(), fc.constant(BUSINESS)) }),
        to_user: fc.record({ id: fc.string() }),
      },
      { requiredKeys: [] },
    );
    const envelope = fc.record({
      client_key: fc.string(),
      event: fc.constantFrom("im_receive_msg", "im_send_msg", "im_mark_read_msg", "other"),
      create_time: fc.oneof(fc.integer(), fc.string()),
      user_openid: fc.string(),
      content: fc.oneof(fc.string(), fc.json(), content.map((c) => JSON.stringify(c))),
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), envelope.map((e) => JSON.stringify(e))), (body) => {
        const parsed = parseDmWebhook(body);
        if (!parsed.ok) {
          expect(["invalid_json", "validation_failed"]).toContain(parsed.code);
          return;
        }
        for (const message of normalizeTikTokDmWebhook(parsed.value).messages) {
          expect(message.externalId).not.toBe("");
          expect(Number.isNaN(message.createdAt.getTime())).toBe(false);
          expect(message.text).not.toBe("");
        }
      }),
      { numRuns: 500 },
    );
  });
});
