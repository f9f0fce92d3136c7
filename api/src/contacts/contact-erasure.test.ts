import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { auditEvents, connectedAccounts, contacts, inboundEvents, labelCorrections, messages, notes, orderActions, spikeMetrics } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createWorkspaceWithAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { newId } from "../lib/ids.ts";

const BRAND = "17841400000000001";
const BUYER = "1254477180031415";
const NEIGHBOUR = "1254477180099999";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.database.db
    .insert(connectedAccounts)
    .values({ id: newId("acct"), workspaceId: t.workspaceId, platform: "instagram", channel: "instagram", externalAccountId: BRAND });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

let sequence = 0;
/** One delivery with a DM from each sender: Meta batches several people's messages together. */
function dms(items: { from: string; text: string }[]) {
  const now = Date.now();
  return JSON.stringify({
    object: "instagram",
    entry: [
      {
        id: BRAND,
        time: Math.floor(now / 1000),
        messaging: items.map(({ from, text }) => ({
          sender: { id: from },
          recipient: { id: BRAND },
          timestamp: now,
          message: { mid: `mid-erasure-${(sequence += 1)}`, text },
        })),
      },
    ],
  });
}
async function deliver(body: string) {
  const res = await t.app.request("/webhooks/instagram", signedInstagramPost(body));
  expect(res.status).toBe(200);
  return ((await res.json()) as { eventId: number }).eventId;
}
const contactOf = async (externalUserId: string) =>
  (await t.database.db.select().from(contacts).where(and(eq(contacts.workspaceId, t.workspaceId), eq(contacts.externalUserId, externalUserId))))[0]!;
const erase = (id: string, token?: string) =>
  t.app.request(`/api/contacts/${id}`, { method: "DELETE", ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });

describe("DELETE /api/contacts/:id (erasure)", () => {
  it("removes the contact, their messages, the rows that depend on them and their raw deliveries in one go, audited without their text", async () => {
    const shared = await deliver(dms([{ from: BUYER, text: "my address is 12 Erasure Street" }, { from: NEIGHBOUR, text: "do you ship to Spain?" }]));
    const own = await deliver(dms([{ from: BUYER, text: "call me on 555 0199" }]));
    await t.ingest.drain();
    const buyer = await contactOf(BUYER);
    const buyerMessages = await t.database.db.select().from(messages).where(eq(messages.contactId, buyer.id));
    expect(buyerMessages).toHaveLength(2);
    // An agent's correction keeps the text for retraining: it goes too.
    const relabel = await t.app.request(`/api/messages/${buyerMessages[0]!.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ label: "not_received" }),
    });
    expect(relabel.status).toBe(200);
    // A colleague's note quotes the buyer; an order action was asked from their message.
    const note = await t.app.request(`/api/notes/messages/${buyerMessages[0]!.id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ body: "Buyer says 12 Erasure Street, checked with the courier" }),
    });
    expect(note.status).toBe(201);
    const [action] = await t.database.db
      .insert(orderActions)
      .values({
        id: "oact_erasure_test",
        workspaceId: t.workspaceId,
        messageId: buyerMessages[0]!.id,
        kind: "shopify_cancel",
        input: { kind: "shopify_cancel", orderId: "gid://shopify/Order/5550199", reason: "CUSTOMER" } as never,
        plan: { summary: "Cancel #10479" } as never,
        idempotencyKey: "erasure-test",
        status: "done",
      })
      .returning();
    const countsBefore = await t.database.db.select({ n: sql<number>`coalesce(sum(${spikeMetrics.received}), 0)::int` }).from(spikeMetrics);

    const res = await erase(buyer.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ erased: true, messages: 2, rawEvents: 2 });

    expect(await t.database.db.select().from(contacts).where(eq(contacts.id, buyer.id))).toEqual([]);
    expect(await t.database.db.select().from(messages).where(inArray(messages.id, buyerMessages.map((m) => m.id)))).toEqual([]);
    expect(await t.database.db.select().from(labelCorrections).where(inArray(labelCorrections.messageId, buyerMessages.map((m) => m.id)))).toEqual([]);
    expect(await t.database.db.select().from(notes).where(inArray(notes.messageId, buyerMessages.map((m) => m.id)))).toEqual([]);
    expect(await t.database.db.select({ messageId: orderActions.messageId }).from(orderActions).where(eq(orderActions.id, action!.id))).toEqual([{ messageId: null }]);
    expect(await t.database.db.select().from(inboundEvents).where(inArray(inboundEvents.id, [shared, own]))).toEqual([]);
    // The other buyer in the shared delivery keeps their message (no longer linked to the raw event).
    const [neighbour] = await t.database.db.select().from(messages).where(eq(messages.authorExternalId, NEIGHBOUR));
    expect(neighbour).toMatchObject({ text: "do you ship to Spain?", inboundEventId: null });
    // Spike metrics are counts: they stay.
    expect(await t.database.db.select({ n: sql<number>`coalesce(sum(${spikeMetrics.received}), 0)::int` }).from(spikeMetrics)).toEqual(countsBefore);

    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "contact.erase"), eq(auditEvents.entityId, buyer.id)));
    expect(audit).toMatchObject({ workspaceId: t.workspaceId, before: { platform: "instagram", messages: 2, rawEvents: 2 }, after: null });
    const written = JSON.stringify(audit);
    for (const personal of ["Erasure Street", "555 0199", BUYER]) expect(written).not.toContain(personal);

    // Already gone.
    expect((await erase(buyer.id)).status).toBe(404);
  });

  it("is for admins of the contact's workspace only: 403 for an agent, 404 for an unknown id or another workspace's contact", async () => {
    await deliver(dms([{ from: "1254477180077777", text: "hello" }]));
    await t.ingest.drain();
    const contact = await contactOf("1254477180077777");
    expect((await erase(contact.id, await t.tokenFor("agent"))).status).toBe(403);
    const other = await createWorkspaceWithAccount(t.database.db, "Other brand");
    const elsewhere = await erase(contact.id, await t.tokenFor("admin", other.workspaceId));
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await erase("contact_unknown")).status).toBe(404);
    expect(await t.database.db.select().from(contacts).where(eq(contacts.id, contact.id))).toHaveLength(1);
  });
});
