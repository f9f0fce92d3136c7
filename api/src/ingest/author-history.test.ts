import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageDetail, MessagePage } from "@surgedesk/shared";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";

/**
 * The author's history reaches the classifier through ingestion: the same text pasted by one
 * account under several posts, and an author whose earlier comment was spam.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

// Each comment a second after the last, so "newest" is the one just delivered.
let clock = Math.floor(Date.now() / 1000) - 3600;

async function comment(text: string, mediaId: string, author: { id: string; username: string }) {
  const delivery = instagramCommentDelivery({ text, mediaId, time: (clock += 1) });
  const body = JSON.parse(delivery.body) as { entry: { changes: { value: { from: unknown } }[] }[] };
  body.entry[0]!.changes[0]!.value.from = author;
  const res = await t.app.request("/webhooks/instagram", signedInstagramPost(JSON.stringify(body)));
  expect(res.status).toBe(200);
  await t.ingest.drain();
  const page = (await (await t.app.request("/api/messages?limit=1")).json()) as MessagePage;
  return (await (await t.app.request(`/api/messages/${page.items[0]!.id}`)).json()) as MessageDetail;
}

describe("author history as classification context", () => {
  it("raises spam for one account pasting the same text under several posts", async () => {
    const bot = { id: "17841499990001", username: "glow.deals.daily" };
    const pitch = "hey loves, new drops every morning on my page, prices you will not believe";
    const first = await comment(pitch, "18100000000000001", bot);
    const second = await comment(pitch, "18100000000000002", bot);
    const third = await comment(pitch, "18100000000000003", bot);
    expect(first.classification!.evidence.rules).not.toContain("spam:repeated_text");
    expect(third.classification!.evidence.rules).toContain("spam:repeated_text");
    expect(second.classification!.scores.spam_scam).toBeGreaterThan(first.classification!.scores.spam_scam);
    expect(third.classification!.scores.spam_scam).toBeGreaterThan(second.classification!.scores.spam_scam);
  });

  it("leaves a buyer's short repeated question alone", async () => {
    const buyer = { id: "17841499990002", username: "maria.g" };
    await comment("where is my order??", "18100000000000004", buyer);
    const again = await comment("where is my order??", "18100000000000005", buyer);
    expect(again.classification!.evidence.rules).not.toContain("spam:repeated_text");
    expect(again.label).toBe("order_status");
  });

  it("counts an author's earlier spam against their next comment", async () => {
    const bot = { id: "17841499990003", username: "crypto.anna.fx" };
    const spam = await comment("DM me to learn how I earn $500 a day from home 💸", "18100000000000006", bot);
    expect(spam.label).toBe("spam_scam");
    const next = await comment("so true, check the link everyone", "18100000000000007", bot);
    expect(next.classification!.evidence.rules).toContain("spam:author_history");
  });
});
