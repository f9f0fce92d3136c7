import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ZodError } from "zod";
import { readJsonFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { instagramConnector } from "./index.ts";
import { graphCommentsEventBody } from "./graph-comments-event.ts";
import type { GraphPage } from "./graph-schemas.ts";
import { normalizeGraphCommentsBody } from "./normalize-graph.ts";

const ACCOUNT = "17841400000000001";
const MEDIA = "18172143295349192";
const FETCHED_AT = new Date("2025-08-21T13:10:00Z");

function eventBody(page: unknown, parentId: string | null = null) {
  return graphCommentsEventBody({
    accountId: ACCOUNT,
    accountUsername: "glowbar",
    mediaId: MEDIA,
    mediaProductType: null,
    parentId,
    fetchedAt: FETCHED_AT,
    page: page as GraphPage,
  });
}

describe("normalizeGraphComments (format instagram.graph_comments)", () => {
  it("turns a comments page into comments and their embedded replies, each in its thread", () => {
    const { messages, skipped } = instagramConnector.eventFormats["instagram.graph_comments"]!(eventBody(readJsonFixture("instagram/graph/comments-page.json")));
    expect(skipped).toEqual([]);
    expect(messages).toEqual([
      {
        platform: "instagram",
        channel: "instagram",
        kind: "comment",
        direction: "inbound",
        externalId: "17919697626119712",
        parentExternalId: null,
        threadKey: "instagram:comment:17919697626119712",
        authorExternalId: "2105722729836161",
        authorHandle: "buyer123",
        contactExternalId: "2105722729836161",
        contactHandle: "buyer123",
        text: "where is my order?? ordered 2 weeks ago #10482",
        likes: 14,
        visibility: "visible",
        createdAt: new Date("2025-08-21T12:28:00Z"),
        accountExternalId: ACCOUNT,
        post: { externalId: MEDIA, productType: "REELS" },
      },
      {
        platform: "instagram",
        channel: "instagram",
        kind: "comment",
        direction: "inbound",
        externalId: "17920011223344556",
        parentExternalId: "17919697626119712",
        threadKey: "instagram:comment:17919697626119712",
        authorExternalId: "7713902211456789",
        authorHandle: "jess.shops",
        contactExternalId: "7713902211456789",
        contactHandle: "jess.shops",
        text: "same here, mine still says processing 😩",
        likes: 3,
        visibility: "visible",
        createdAt: new Date("2025-08-21T12:30:41Z"),
        accountExternalId: ACCOUNT,
        post: { externalId: MEDIA, productType: "REELS" },
      },
      {
        platform: "instagram",
        channel: "instagram",
        kind: "comment",
        direction: "outbound",
        externalId: "17920099887766554",
        parentExternalId: "17919697626119712",
        threadKey: "instagram:comment:17919697626119712",
        authorExternalId: ACCOUNT,
        authorHandle: "glowbar",
        // The brand's reply belongs to the buyer it answers.
        contactExternalId: "2105722729836161",
        contactHandle: null,
        text: "Hi! So sorry for the wait, we've sent you a DM to sort it out 💛",
        likes: 1,
        visibility: "visible",
        createdAt: new Date("2025-08-21T12:41:09Z"),
        accountExternalId: ACCOUNT,
        post: { externalId: MEDIA, productType: "REELS" },
      },
      {
        platform: "instagram",
        channel: "instagram",
        kind: "comment",
        direction: "inbound",
        externalId: "17933344455566677",
        parentExternalId: null,
        threadKey: "instagram:comment:17933344455566677",
        authorExternalId: "1188229933445566",
        authorHandle: "dani_r",
        contactExternalId: "1188229933445566",
        contactHandle: "dani_r",
        text: "code MARIA15 says invalid at checkout??",
        likes: 0,
        visibility: "hidden",
        createdAt: new Date("2025-08-21T12:35:12Z"),
        accountExternalId: ACCOUNT,
        post: { externalId: MEDIA, productType: "REELS" },
      },
      {
        platform: "instagram",
        channel: "instagram",
        kind: "comment",
        direction: "inbound",
        externalId: "17944455566677788",
        parentExternalId: null,
        threadKey: "instagram:comment:17944455566677788",
        // Without `from`, the username stands in as the author's id.
        authorExternalId: "@lu.beauty",
        authorHandle: "lu.beauty",
        contactExternalId: "@lu.beauty",
        contactHandle: "lu.beauty",
        text: "obsessed 😍😍",
        likes: 2,
        visibility: "visible",
        createdAt: new Date("2025-08-21T12:36:58Z"),
        accountExternalId: ACCOUNT,
        post: { externalId: MEDIA, productType: null },
      },
    ]);
  });

  it("threads a page of /replies under the comment it was read for", () => {
    const { messages } = normalizeGraphCommentsBody(eventBody(readJsonFixture("instagram/graph/replies-page.json"), "17919697626119712"));
    expect(messages).toEqual([
      expect.objectContaining({
        externalId: "17921122334455667",
        parentExternalId: "17919697626119712",
        threadKey: "instagram:comment:17919697626119712",
        authorHandle: "mari.glows",
        createdAt: new Date("2025-08-21T13:02:33Z"),
      }),
    ]);
  });

  it("reads an empty page as no messages", () => {
    expect(normalizeGraphCommentsBody(eventBody(readJsonFixture("instagram/graph/comments-empty.json")))).toEqual({ messages: [], skipped: [], changes: [] });
  });

  it("never stores the paging URLs, which carry the access token", () => {
    const body = eventBody(readJsonFixture("instagram/graph/comments-page.json"));
    expect(body).not.toContain("access_token");
    expect(body).not.toContain("IGAAexampleTOKEN");
    expect(JSON.parse(body).page.paging.cursors.after).toBe("QVFIUjZAlcWx2NWZA4bVRn");
  });

  it("skips an unreadable item with a reason and keeps the rest of the page", () => {
    const page = { data: [{ text: "no id" }, { id: "1791", text: "fine", username: "a", timestamp: "2025-08-21T12:00:00+0000" }] };
    const { messages, skipped } = normalizeGraphCommentsBody(eventBody(page));
    expect(messages.map((m) => m.externalId)).toEqual(["1791"]);
    expect(skipped).toEqual([expect.stringMatching(/^item 0: id: /)]);
  });

  it("falls back to the fetch time for a missing or impossible timestamp", () => {
    const page = {
      data: [
        { id: "1", username: "a" },
        { id: "2", username: "a", timestamp: "1999-01-01T00:00:00+0000" },
        { id: "3", username: "a", timestamp: "2099-01-01T00:00:00+0000" },
      ],
    };
    const { messages } = normalizeGraphCommentsBody(eventBody(page));
    expect(messages.map((m) => m.createdAt)).toEqual([FETCHED_AT, FETCHED_AT, FETCHED_AT]);
  });

  const comment = fc.record(
    {
      id: fc.oneof(fc.string({ maxLength: 30 }), fc.nat()),
      text: fc.string({ unit: "grapheme", maxLength: 200 }),
      timestamp: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constant("2025-08-21T12:28:00+0000")),
      username: fc.string({ maxLength: 40 }),
      from: fc.record({ id: fc.string({ maxLength: 30 }), username: fc.string() }, { requiredKeys: [] }),
      like_count: fc.oneof(fc.nat(), fc.integer(), fc.double()),
      parent_id: fc.string(),
      hidden: fc.oneof(fc.boolean(), fc.jsonValue()),
      media: fc.record({ id: fc.string(), media_product_type: fc.string() }, { requiredKeys: [] }),
      replies: fc.record({ data: fc.array(fc.jsonValue(), { maxLength: 3 }) }),
    },
    { requiredKeys: [] },
  );

  it("answers any JSON with messages or a schema refusal, never a crash or an unstorable value", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.jsonValue().map((page) => JSON.stringify({ accountId: ACCOUNT, mediaId: MEDIA, fetchedAt: 1, page })),
          fc.array(fc.oneof(comment, fc.jsonValue()), { maxLength: 5 }).map((data) => eventBody({ data })),
          fc
            .record({ accountId: fc.jsonValue(), mediaId: fc.jsonValue(), fetchedAt: fc.jsonValue(), parentId: fc.jsonValue(), page: fc.record({ data: fc.array(comment) }) }, { requiredKeys: [] })
            .map((v) => JSON.stringify(v)),
        ),
        (body) => {
          let result;
          try {
            result = normalizeGraphCommentsBody(body);
          } catch (error) {
            expect(error instanceof ZodError || error instanceof SyntaxError).toBe(true);
            return;
          }
          for (const message of result.messages) {
            expect(message.externalId.length).toBeGreaterThan(0);
            expect(message.threadKey).toMatch(/^instagram:comment:.+/);
            expect(Number.isNaN(message.createdAt.getTime())).toBe(false);
            expect(message.createdAt.getUTCFullYear()).toBeGreaterThanOrEqual(1970);
            expect(Number.isInteger(message.likes) && message.likes >= 0 && message.likes < 2 ** 31).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
