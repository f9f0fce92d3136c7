import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { inboundEvents, messages } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { instagramCommentDelivery } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { testClassifier } from "@surgedesk/devkit/testing/test-classifier.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("ingest worker", () => {
  it("processes a batch with a poisonous event: the others are stored, the bad one is marked failed", async () => {
    const good = [instagramCommentDelivery({ text: "where is my order #1234" }), instagramCommentDelivery({ text: "love it 😍" })];
    const ids: number[] = [];
    for (const delivery of good) ids.push(await t.database.db.insert(inboundEvents).values({ platform: "instagram", format: "instagram.webhook", source: "webhook", body: delivery.body }).returning().then((r) => r[0]!.id));
    // Stored by an older version, say, and no longer readable: it must not block the batch.
    const [poison] = await t.database.db
      .insert(inboundEvents)
      .values({ platform: "instagram", format: "instagram.webhook", source: "webhook", body: '{"object":"instagram"}' })
      .returning();
    await t.ingest.drain();

    const events = await t.database.db.select().from(inboundEvents).where(inArray(inboundEvents.id, [...ids, poison!.id]));
    const statusOf = new Map(events.map((e) => [e.id, e]));
    expect(ids.map((id) => statusOf.get(id)?.status)).toEqual(["processed", "processed"]);
    expect(statusOf.get(poison!.id)).toMatchObject({ status: "failed", attempts: 1 });
    expect(statusOf.get(poison!.id)?.lastError).toBeTruthy();
    const stored = await t.database.db
      .select()
      .from(messages)
      .where(inArray(messages.externalId, good.map((g) => g.commentId)));
    expect(stored).toHaveLength(2);
  });

  it("classifies customers' messages on the way in and stores the evidence", async () => {
    const { commentId, body } = instagramCommentDelivery({ text: "where is my order #1234?? its been 3 weeks!!!" });
    await t.database.db.insert(inboundEvents).values({ platform: "instagram", format: "instagram.webhook", source: "webhook", body });
    await t.ingest.drain();
    const [message] = await t.database.db.select().from(messages).where(eq(messages.externalId, commentId));
    expect(message?.label).toBe("order_status");
    expect(message?.classification?.entities.orderNumbers).toContain("#1234");
    expect(message?.escalationLevel).not.toBe("low");
    expect(message?.classification?.escalation.reasons.join(" ")).toMatch(/wait/i);
    expect(message?.classification?.modelVersion).toBe(testClassifier().modelVersion);
  });

  it("links a buyer's comment and DM to one contact, and counts repeat contact", async () => {
    const comment = {
      object: "instagram",
      entry: [
        {
          id: "17841400000000001",
          time: 1763800000,
          changes: [
            {
              field: "comments",
              value: {
                id: "17930000000000001",
                text: "my package never came",
                from: { id: "6011223399", username: "sam.buys", self_ig_scoped_id: "9911223344556677" },
                media: { id: "18172143295349192", media_product_type: "REELS" },
              },
            },
          ],
        },
      ],
    };
    const dm = {
      object: "instagram",
      entry: [
        {
          id: "17841400000000001",
          time: 1763800100,
          messaging: [
            {
              sender: { id: "9911223344556677" },
              recipient: { id: "17841400000000001" },
              timestamp: 1763800100000,
              message: { mid: "aWdfZG1faWQ6contact-link-test", text: "hello?? my package never came, nobody answers" },
            },
          ],
        },
      ],
    };
    for (const payload of [comment, dm]) {
      await t.database.db
        .insert(inboundEvents)
        .values({ platform: "instagram", format: "instagram.webhook", source: "webhook", body: JSON.stringify(payload) });
    }
    await t.ingest.drain();
    const stored = await t.database.db
      .select()
      .from(messages)
      .where(inArray(messages.externalId, ["17930000000000001", "aWdfZG1faWQ6contact-link-test"]));
    expect(stored).toHaveLength(2);
    expect(stored[0]!.contactId).toBeTruthy();
    expect(stored[0]!.contactId).toBe(stored[1]!.contactId);
    const later = stored.find((m) => m.kind === "dm")!;
    expect(later.classification?.evidence.rules.some((r) => /repeat/.test(r))).toBe(true);
  });
});
