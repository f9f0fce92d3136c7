import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message, MessageDetail, MessagePage } from "@surgedesk/shared";
import { eq } from "drizzle-orm";
import { auditEvents, labelCorrections } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { readFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function deliver(body: string) {
  const res = await t.app.request("/webhooks/instagram", signedInstagramPost(body));
  expect(res.status).toBe(200);
}

async function getPage(query: string): Promise<MessagePage> {
  const res = await t.app.request(`/api/messages?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as MessagePage;
}

describe("GET /api/messages", () => {
  it("returns every message exactly once across pages, newest first, while new ones arrive", async () => {
    const start = Math.floor(Date.now() / 1000) - 10_000;
    // Several comments share a second: the id breaks the tie so pages never overlap.
    for (let i = 0; i < 45; i++) await deliver(instagramCommentDelivery({ time: start + Math.floor(i / 3) }).body);
    await t.ingest.drain();
    const existing = new Set((await getPage("limit=200")).items.map((m) => m.id));

    const seen: Message[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: MessagePage = await getPage(`limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
      // Newer and older comments arrive between page reads.
      await deliver(instagramCommentDelivery({ time: start + 20_000 + pages }).body);
      await deliver(instagramCommentDelivery({ time: start + 5 }).body);
      await t.ingest.drain();
    } while (cursor);

    const ids = seen.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of existing) expect(ids).toContain(id);
    const order = seen.map((m) => `${m.createdAt}|${m.id}`);
    expect(order).toEqual([...order].sort().reverse());
    expect(pages).toBeGreaterThan(6);
  });

  it("filters by platform, kind and status", async () => {
    await deliver(readFixture("instagram/dm.json"));
    await t.ingest.drain();
    const dms = await getPage("kind=dm&limit=200");
    expect(dms.items.length).toBeGreaterThan(0);
    expect(dms.items.every((m) => m.kind === "dm")).toBe(true);
    const comments = await getPage("kind=comment&platform=instagram&status=open&limit=200");
    expect(comments.items.length).toBeGreaterThan(0);
    expect(comments.items.every((m) => m.kind === "comment" && m.status === "open")).toBe(true);
    expect((await getPage("platform=tiktok")).items).toEqual([]);
  });

  it("includes the post a comment is on", async () => {
    const { commentId, body } = instagramCommentDelivery({ mediaId: "18000000000000042" });
    await deliver(body);
    await t.ingest.drain();
    const { items } = await getPage("kind=comment&limit=200");
    expect(items.find((m) => m.externalId === commentId)?.post).toMatchObject({ externalId: "18000000000000042", productType: "REELS" });
  });

  it.each([
    ["an unknown platform", "platform=myspace", "platform"],
    ["an unknown kind", "kind=letter", "kind"],
    ["a limit above the maximum", "limit=5000", "limit"],
    ["a cursor it did not issue", "cursor=not-a-cursor", "cursor"],
  ])("answers 400 for %s", async (_, query, field) => {
    const res = await t.app.request(`/api/messages?${query}`);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("validation_failed");
    expect(error.message).toContain(field);
  });
});

describe("GET /api/messages/:id", () => {
  it("returns one message", async () => {
    const { commentId, body } = instagramCommentDelivery({ text: "does it come in 100ml?" });
    await deliver(body);
    await t.ingest.drain();
    const { items } = await getPage("limit=200");
    const listed = items.find((m) => m.externalId === commentId)!;
    const res = await t.app.request(`/api/messages/${listed.id}`);
    expect(res.status).toBe(200);
    const detail = (await res.json()) as MessageDetail;
    expect(detail).toMatchObject(listed);
    // The detail carries the whole classification behind the label shown in the list.
    expect(detail.classification?.label).toBe(listed.label);
    expect(listed.label).toBe("product_question");
  });

  it("answers 404 in the error shape for an unknown id", async () => {
    const res = await t.app.request("/api/messages/msg_doesnotexist");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found", message: expect.any(String) } });
  });
});

describe("errors", () => {
  it("answers an unknown route with 404 in the error shape", async () => {
    const res = await t.app.request("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });
});

describe("PATCH /api/messages/:id", () => {
  const patch = (id: string, body: unknown) => t.app.send("PATCH", `/api/messages/${id}`, body);

  it("stores a label correction, marks the label as the agent's, and audits it", async () => {
    const { commentId, body } = instagramCommentDelivery({ text: "lol same" });
    await deliver(body);
    await t.ingest.drain();
    const listed = (await getPage("limit=200")).items.find((m) => m.externalId === commentId)!;
    const res = await patch(listed.id, { label: "praise", status: "closed" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ label: "praise", labelSource: "agent", status: "closed" });

    const corrections = await t.database.db.select().from(labelCorrections).where(eq(labelCorrections.messageId, listed.id));
    expect(corrections).toMatchObject([{ fromLabel: listed.label, toLabel: "praise", text: "lol same" }]);
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, listed.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "message.update", before: { label: listed.label, status: "open" } });
    expect(audit[0]!.after).toMatchObject({ label: "praise", status: "closed" });
    // The list filters on the corrected label.
    expect((await getPage("label=praise&limit=200")).items.map((m) => m.id)).toContain(listed.id);
  });

  it.each([
    ["an unknown label", { label: "angry" }],
    ["an empty change", {}],
    ["a field that cannot be changed", { text: "edited" }],
  ])("answers 400 for %s", async (_, body) => {
    const { items } = await getPage("limit=1");
    const res = await patch(items[0]!.id, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "validation_failed" } });
  });

  it("answers 404 for an unknown message", async () => {
    const res = await patch("msg_nope", { label: "praise" });
    expect(res.status).toBe(404);
  });
});

describe("GET /api/messages label and escalation filters", () => {
  it("returns only messages with that label or escalation level", async () => {
    await deliver(instagramCommentDelivery({ text: "SCAM!!! 3 weeks and no order, reporting you and doing a chargeback" }).body);
    await t.ingest.drain();
    const high = await getPage("escalation=high&limit=200");
    expect(high.items.length).toBeGreaterThan(0);
    expect(high.items.every((m) => m.escalationLevel === "high")).toBe(true);
    const spam = await getPage("label=spam_scam&limit=200");
    expect(spam.items.every((m) => m.label === "spam_scam")).toBe(true);
  });
});
