import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { inboundEvents, messages } from "../../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { readFixture, readJsonFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { testClassifier } from "@surgedesk/devkit/testing/test-classifier.ts";
import { readStoredSpikeMetrics, recountSpikeMetrics } from "../../spikes/metrics/recount-spike-metrics.ts";
import { normalizeInstagramWebhook } from "./normalize.ts";
import { igWebhookPayloadSchema } from "./webhook-payload.ts";

const normalizeFixture = (path: string) => normalizeInstagramWebhook(igWebhookPayloadSchema.parse(readJsonFixture(path)));

describe("Instagram comment edits and removals, as read", () => {
  it("reads an edit as the comment with its new text, and a change of that text", () => {
    const { messages: found, changes } = normalizeFixture("instagram/comment-edited.json");
    const text = "where is my order?? ordered 2 weeks ago #10482 and the tracking link is dead, I want a refund";
    expect(found).toEqual([expect.objectContaining({ externalId: "17919697626119712", text })]);
    expect(changes).toEqual([{ platform: "instagram", externalId: "17919697626119712", observedAt: new Date(1755779700 * 1000), text }]);
  });

  it("reads a removal (no author, no text) as the comment deleted", () => {
    expect(normalizeFixture("instagram/comment-removed.json")).toEqual({
      messages: [],
      skipped: [],
      changes: [{ platform: "instagram", externalId: "17919697626119712", observedAt: new Date(1755779900 * 1000), visibility: "deleted" }],
    });
  });

  it("reads hide and unhide, and skips a verb it does not know", () => {
    const payload = (verb: string) => {
      const body = readJsonFixture<{ entry: { changes: { value: Record<string, unknown> }[] }[] }>("instagram/comment-removed.json");
      body.entry[0]!.changes[0]!.value["verb"] = verb;
      return normalizeInstagramWebhook(igWebhookPayloadSchema.parse(body));
    };
    expect(payload("hide").changes).toEqual([expect.objectContaining({ visibility: "hidden" })]);
    expect(payload("unhide").changes).toEqual([expect.objectContaining({ visibility: "visible" })]);
    expect(payload("share")).toMatchObject({ changes: [], skipped: ['comment 17919697626119712: verb "share" is not gathered'] });
  });

  it("reads an unsent DM as a deletion of the stored message", () => {
    const { messages: found, skipped, changes } = normalizeFixture("instagram/dm-deleted.json");
    expect(found).toEqual([]);
    expect(skipped).toHaveLength(1);
    expect(changes).toEqual([expect.objectContaining({ visibility: "deleted", observedAt: new Date(1716300300456) })]);
  });
});

describe("Instagram comment edits and removals, applied to stored messages", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const stored = async (externalId: string) => (await t.database.db.select().from(messages).where(and(eq(messages.platform, "instagram"), eq(messages.externalId, externalId))))[0]!;
  async function deliver(fixture: string) {
    const res = await t.app.request("/webhooks/instagram", signedInstagramPost(readFixture(fixture)));
    expect(res.status).toBe(200);
    await t.ingest.drain();
  }

  it("updates an edited comment's text and classifies it again; a removal shows it deleted", async () => {
    await deliver("instagram/comment.json");
    const original = await stored("17919697626119712");
    expect(original).toMatchObject({ text: "where is my order?? ordered 2 weeks ago #10482", visibility: "visible" });

    await deliver("instagram/comment-edited.json");
    const edited = await stored("17919697626119712");
    const text = "where is my order?? ordered 2 weeks ago #10482 and the tracking link is dead, I want a refund";
    const expected = testClassifier().classify(text, { likes: 0, priorMessagesFromAuthor: 0 });
    expect(edited).toMatchObject({ id: original.id, text, label: expected.label, escalationLevel: expected.escalation.level });
    expect(edited.classification).toEqual(expected);

    await deliver("instagram/comment-removed.json");
    expect(await stored("17919697626119712")).toMatchObject({ id: original.id, visibility: "deleted", text });
    // A late copy of the edit (older than the removal) changes nothing.
    await deliver("instagram/comment-edited.json");
    expect(await stored("17919697626119712")).toMatchObject({ visibility: "deleted" });
  });

  it("keeps an agent's label when the edited comment is classified again", async () => {
    const body = JSON.parse(readFixture("instagram/comment.json")) as { entry: { changes: { value: { id: string } }[] }[] };
    body.entry[0]!.changes[0]!.value.id = "17919697626119999";
    const res = await t.app.request("/webhooks/instagram", signedInstagramPost(JSON.stringify(body)));
    expect(res.status).toBe(200);
    await t.ingest.drain();
    const message = await stored("17919697626119999");
    expect((await t.app.request(`/api/messages/${message.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ label: "praise" }) })).status).toBe(200);

    const edited = JSON.parse(readFixture("instagram/comment-edited.json")) as typeof body;
    edited.entry[0]!.changes[0]!.value.id = "17919697626119999";
    expect((await t.app.request("/webhooks/instagram", signedInstagramPost(JSON.stringify(edited)))).status).toBe(200);
    await t.ingest.drain();
    expect(await stored("17919697626119999")).toMatchObject({ label: "praise", labelSource: "agent", text: expect.stringContaining("I want a refund") });
  });

  it("leaves the spike metrics equal to a full recount after edits and removals", async () => {
    const incremental = await readStoredSpikeMetrics(t.database.db, t.workspaceId);
    const recount = await recountSpikeMetrics(t.database.db, t.workspaceId);
    expect(Object.fromEntries(incremental.buckets)).toEqual(Object.fromEntries(recount.buckets));
    expect(Object.fromEntries(incremental.backlog)).toEqual(Object.fromEntries(recount.backlog));
  });

  it("marks a DM the customer unsent as deleted", async () => {
    await deliver("instagram/dm.json");
    await deliver("instagram/dm-deleted.json");
    const [dm] = await t.database.db
      .select()
      .from(messages)
      .where(inArray(messages.externalId, ["aWdfZG1faWQ6MTc4NDE0MDAwMDAwMDAwMToxMjU0NDc3MTgwMDMxNDE1OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI3NjAxNjg1MjM2MDY3NTI2NQ"]));
    expect(dm).toMatchObject({ kind: "dm", visibility: "deleted" });
    const events = await t.database.db.select().from(inboundEvents).where(eq(inboundEvents.status, "failed"));
    expect(events).toEqual([]);
  });
});
