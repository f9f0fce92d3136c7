import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { contacts, messages } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { connectDeliveryAccount, instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { danglingMessageReferences } from "@surgedesk/devkit/testing/dangling-references.ts";
import { createHousekeepingWorker } from "../housekeeping/housekeeping-worker.ts";
import { createLogger } from "../lib/logger.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await connectDeliveryAccount(t);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const none = { workspace: 0, account: 0, post: 0, contact: 0, rawEvent: 0 };

describe("message references without foreign keys", () => {
  it("ingestion, contact erasure and raw-event retention leave no message pointing at a missing row", async () => {
    const delivered: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { body, commentId } = instagramCommentDelivery({ mediaId: i % 2 ? "18172143295349192" : "18172143295349193" });
      expect((await t.app.request("/webhooks/instagram", signedInstagramPost(body))).status).toBe(200);
      delivered.push(commentId);
    }
    await t.ingest.drain();
    const stored = await t.database.db.select().from(messages).where(eq(messages.workspaceId, t.workspaceId));
    expect(stored.length).toBeGreaterThanOrEqual(6);
    expect(stored.every((m) => m.postId && m.contactId && m.inboundEventId)).toBe(true);
    expect(await danglingMessageReferences(t.database.db)).toEqual(none);

    const erased = stored.find((m) => m.externalId === delivered[0])!;
    expect((await t.app.request(`/api/contacts/${erased.contactId}`, { method: "DELETE" })).status).toBe(200);
    expect(await t.database.db.select().from(contacts).where(eq(contacts.id, erased.contactId!))).toEqual([]);
    expect(await danglingMessageReferences(t.database.db)).toEqual(none);

    await t.database.db.execute(sql`update inbound_events set processed_at = now() - interval '40 days' where status = 'processed'`);
    const housekeeping = createHousekeepingWorker({ db: t.database.db, logger: createLogger("silent"), rawEventRetentionDays: 30 });
    expect((await housekeeping.runOnce()).rawEvents).toBeGreaterThan(0);
    expect(await danglingMessageReferences(t.database.db)).toEqual(none);
  });

  it("the check sees a dangling reference", async () => {
    const [message] = await t.database.db.select({ id: messages.id }).from(messages).limit(1);
    await t.database.db.update(messages).set({ postId: "post_missing" }).where(eq(messages.id, message!.id));
    expect(await danglingMessageReferences(t.database.db)).toEqual({ ...none, post: 1 });
  });
});
