import { describe, expect, it } from "vitest";
import { readJsonFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { graphMediaSchema, graphPageSchema, graphSentMessageSchema, nextAfter } from "./graph-schemas.ts";

describe("Graph response shapes", () => {
  it("reads a media page: each media with its publication time, and the cursor to the next page", () => {
    const page = graphPageSchema.parse(readJsonFixture("instagram/graph/media-page.json"));
    expect(page.data.map((item) => graphMediaSchema.parse(item))).toEqual([
      expect.objectContaining({ id: "18172143295349192", timestamp: "2025-08-21T11:02:14+0000", media_product_type: "REELS", comments_count: 1284 }),
      expect.objectContaining({ id: "18045566778899001", media_type: "CAROUSEL_ALBUM" }),
    ]);
    expect(nextAfter(page.paging)).toBe("QVFIUmFhS2ZA0ZAjJhU2t2VU9QZAlhXM1cwVUxiT2t3bGRVUmM1VDNR");
  });

  it("sees the last page by the absence of paging.next, whatever the cursors say", () => {
    const page = graphPageSchema.parse(readJsonFixture("instagram/graph/replies-page.json"));
    expect(page.paging?.cursors?.after).toBeDefined();
    expect(nextAfter(page.paging)).toBeNull();
    expect(nextAfter(graphPageSchema.parse(readJsonFixture("instagram/graph/comments-empty.json")).paging)).toBeNull();
  });

  it("reads the Send API's answer", () => {
    expect(graphSentMessageSchema.parse(readJsonFixture("instagram/graph/send-api-response.json"))).toEqual({
      recipient_id: "2105722729836161",
      message_id: expect.stringMatching(/^aWdf/),
    });
  });

  it("refuses ids that are not Graph ids, before they reach a column", () => {
    expect(graphMediaSchema.safeParse({ id: "1\u00002" }).success).toBe(false);
    expect(graphMediaSchema.safeParse({ id: 1784140 }).success).toBe(true);
  });
});
