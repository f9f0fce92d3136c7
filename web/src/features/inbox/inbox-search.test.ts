import { defaultParseSearch, defaultStringifySearch } from "@tanstack/react-router";
import { describe, expect, it } from "vitest";
import { DEFAULT_QUEUE, filterOf, inboxSearchSchema, toQuery, type InboxSearch } from "./inbox-search.ts";

/** The inbox's search as the router reads it from an address bar. */
const fromUrl = (query: string) => inboxSearchSchema.parse(defaultParseSearch(query));

describe("inbox filters in the URL", () => {
  it("reads every filter the console writes, and gives the same view back", () => {
    const view: InboxSearch = {
      queue: "escalations",
      platform: "tiktok",
      kind: "dm",
      status: "open",
      label: "promo_confusion",
      escalation: "high",
      assignee: "me",
      postId: "123",
      campaignId: "c-9",
      from: "2026-01-02T00:00:00.000Z",
      to: "2026-01-03T12:30:00+01:00",
      q: "refund",
      sla: "breached",
      sort: "newest",
    };
    expect(fromUrl(defaultStringifySearch(view))).toEqual(view);
  });

  it("drops what it cannot read instead of failing the page", () => {
    expect(fromUrl("?queue=nope&platform=myspace&sla=late&sort=random&from=yesterday&label=cats")).toEqual({});
    expect(fromUrl("?queue=done&status=closed&escalation=extreme")).toEqual({ queue: "done", status: "closed" });
  });

  it("trims the search text and leaves out an empty or overlong one", () => {
    expect(fromUrl("?q=%20%20refund%20").q).toBe("refund");
    expect(fromUrl("?q=%20%20").q).toBeUndefined();
    expect(fromUrl(`?q=${"a".repeat(201)}`).q).toBeUndefined();
  });

  it("opens on the default queue and leaves the order out of the API's filter", () => {
    expect(filterOf({})).toEqual({ queue: DEFAULT_QUEUE });
    expect(filterOf({ platform: "instagram", sort: "oldest" })).toEqual({ queue: DEFAULT_QUEUE, platform: "instagram" });
    expect(filterOf({ queue: "all", q: "pedido" })).toEqual({ queue: "all", q: "pedido" });
  });

  it("sends only the filters that are set", () => {
    expect(toQuery({ queue: "all", platform: undefined, q: "refund" })).toEqual({ queue: "all", q: "refund" });
  });
});
