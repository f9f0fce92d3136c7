import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { tiktokConnector } from "./index.ts";
import { readJsonFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { commentPageEventBody, parseCommentPageEvent } from "./comment-page-event.ts";
import { normalizeTikTokCommentPage } from "./normalize-comments.ts";

const BUSINESS = "-000Kq2vYxLbN7c9RtUe4WmHs1pZ3aFd";
const VIDEO = "7409876543210987654";
const BUYER = "-000Vn3KZbq1YxNmUe8f4JrX9Hw2Lp0Tc";

/** A fixture page as the poller stores it: the response with the request it answered. */
const pageEvent = (fixture: string, commentId?: string) =>
  parseCommentPageEvent(commentPageEventBody({ businessId: BUSINESS, videoId: VIDEO, commentId }, readJsonFixture(fixture)));

describe("normalizeTikTokCommentPage", () => {
  it("turns a comment list page into comments, inline replies included", () => {
    const { messages, skipped } = normalizeTikTokCommentPage(pageEvent("tiktok/comment-list-page.json"));
    expect(skipped).toEqual([]);
    expect(messages.map((m) => m.externalId)).toEqual([
      "7541002003004005006",
      "7541002003004005099",
      "7541002003004005050",
      "7541001003004005001",
      "7541000003004005000",
    ]);
    expect(messages[0]).toEqual({
      platform: "tiktok",
      channel: "tiktok_business",
      kind: "comment",
      direction: "inbound",
      externalId: "7541002003004005006",
      parentExternalId: null,
      threadKey: "tiktok:comment:7541002003004005006",
      authorExternalId: BUYER,
      authorHandle: "maria.glows",
      contactExternalId: BUYER,
      contactHandle: "maria.glows",
      text: "where is my order?? ordered 2 weeks ago #10482",
      likes: 14,
      visibility: "visible",
      createdAt: new Date(1755779280 * 1000),
      accountExternalId: BUSINESS,
      post: { externalId: VIDEO, productType: "VIDEO" },
    });
  });

  it("marks the brand's reply as outbound, about the buyer it answers, in the buyer's thread", () => {
    const reply = normalizeTikTokCommentPage(pageEvent("tiktok/comment-list-page.json")).messages[1];
    expect(reply).toMatchObject({
      direction: "outbound",
      authorExternalId: BUSINESS,
      authorHandle: "glowbar.official",
      parentExternalId: "7541002003004005006",
      threadKey: "tiktok:comment:7541002003004005006",
      contactExternalId: BUYER,
      contactHandle: "maria.glows",
    });
  });

  it("keeps another buyer's reply inbound, with its own contact", () => {
    const reply = normalizeTikTokCommentPage(pageEvent("tiktok/comment-list-page.json")).messages[2];
    expect(reply).toMatchObject({
      direction: "inbound",
      authorHandle: "jess.shops",
      contactExternalId: "-000Hd8sLq2WnRt5YxCv7BkPm3Ze9UaG",
      threadKey: "tiktok:comment:7541002003004005006",
      text: "same here, nothing since may",
    });
  });

  it("carries a hidden comment as hidden", () => {
    const hidden = normalizeTikTokCommentPage(pageEvent("tiktok/comment-list-page.json")).messages[3];
    expect(hidden).toMatchObject({ visibility: "hidden", likes: 41, text: "this brand is a scam, still no refund after 3 weeks" });
  });

  it("threads a reply page under its top-level comment, whichever page arrives first", () => {
    const { messages } = normalizeTikTokCommentPage(pageEvent("tiktok/reply-list-page.json", "7541002003004005006"));
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(message.threadKey).toBe("tiktok:comment:7541002003004005006");
      expect(message.parentExternalId).toBe("7541002003004005006");
    }
    expect(messages[0]).toMatchObject({ text: "just sent you a DM", direction: "inbound", contactExternalId: BUYER });
    expect(messages[1]).toMatchObject({ direction: "outbound" });
  });

  it("skips a malformed comment and keeps the rest of the page", () => {
    const response = readJsonFixture<{ data: { comments: unknown[] } }>("tiktok/comment-list-page.json");
    response.data.comments.unshift({ comment_id: "", text: 42 }, { comment_id: "1", create_time: 1755779280, text: "anonymous" });
    const event = parseCommentPageEvent(commentPageEventBody({ businessId: BUSINESS, videoId: VIDEO }, response));
    const { messages, skipped } = normalizeTikTokCommentPage(event);
    expect(messages).toHaveLength(5);
    expect(skipped).toEqual([expect.stringMatching(/^comments\.0: comment_id/), "comment 1: no author id"]);
  });

  it("reads numeric ids and string times, as hand-written tools send them", () => {
    const body = commentPageEventBody(
      { businessId: BUSINESS, videoId: VIDEO },
      { code: 0, data: { comments: [{ comment_id: 12345, user_id: 678, create_time: "1755779280", text: "hi", parent_comment_id: "" }] } },
    );
    const [message] = normalizeTikTokCommentPage(parseCommentPageEvent(body)).messages;
    expect(message).toMatchObject({ externalId: "12345", authorExternalId: "678", parentExternalId: null, createdAt: new Date(1755779280 * 1000) });
  });

  it("refuses a stored page whose response was not a success", () => {
    const body = commentPageEventBody({ businessId: BUSINESS, videoId: VIDEO }, readJsonFixture("tiktok/throttled.json"));
    expect(() => tiktokConnector.eventFormats["tiktok.comment_page"]!(body)).toThrow();
  });

  it("either refuses arbitrary input cleanly or produces well-formed messages", () => {
    const comment = fc.record(
      {
        comment_id: fc.oneof(fc.string(), fc.nat()),
        user_id: fc.oneof(fc.string(), fc.constant(BUSINESS)),
        create_time: fc.oneof(fc.integer(), fc.string(), fc.double()),
        text: fc.oneof(fc.string({ unit: "grapheme" }), fc.constant(null)),
        parent_comment_id: fc.oneof(fc.string(), fc.constant(""), fc.constant(null)),
        owner: fc.boolean(),
        status: fc.string(),
        reply_list: fc.array(fc.jsonValue(), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record({ comments: fc.array(fc.oneof(comment, fc.jsonValue()), { maxLength: 5 }), cursor: fc.jsonValue(), has_more: fc.jsonValue() })
        .map((data) => commentPageEventBody({ businessId: BUSINESS, videoId: VIDEO }, { code: 0, data })),
    );
    fc.assert(
      fc.property(body, (text) => {
        let result;
        try {
          result = tiktokConnector.eventFormats["tiktok.comment_page"]!(text);
        } catch (error) {
          // Refused as unreadable: a parse or validation error, never anything else.
          expect((error as Error).name).toMatch(/SyntaxError|ZodError/);
          return;
        }
        for (const message of result.messages) {
          expect(message.externalId).not.toBe("");
          expect(message.threadKey).toMatch(/^tiktok:comment:./);
          expect(Number.isNaN(message.createdAt.getTime())).toBe(false);
          expect(typeof message.text).toBe("string");
        }
      }),
      { numRuns: 500 },
    );
  });
});
