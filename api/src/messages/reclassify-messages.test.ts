import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Classification, ClassificationContext } from "@surgedesk/shared";
import { messages } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { testClassifier } from "@surgedesk/devkit/testing/test-classifier.ts";
import { readStoredSpikeMetrics, recountSpikeMetrics } from "../spikes/metrics/recount-spike-metrics.ts";
import { exportCorrections, reclassifyMessages } from "./reclassify-messages.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const contextsSeen: (ClassificationContext | undefined)[] = [];

/** A "new model" that calls everything praise, yet angry and high-risk, to see what reclassifying changes. */
const praiseEverything = {
  modelVersion: "test-praise-v2",
  classify(text: string, context?: ClassificationContext): Classification {
    contextsSeen.push(context);
    const real = testClassifier().classify(text, context);
    return { ...real, label: "praise", sentiment: -0.9, escalation: { ...real.escalation, level: "high" }, modelVersion: "test-praise-v2" };
  },
};

describe("reclassify and corrections", () => {
  it("relabels model labels with the new model, keeps agents' labels, and exports corrections", async () => {
    const a = instagramCommentDelivery({ text: "where is my order #4455", time: 1763800000 });
    const b = instagramCommentDelivery({ text: "is this vegan?", time: 1763800100 });
    for (const d of [a, b]) expect((await t.app.request("/webhooks/instagram", signedInstagramPost(d.body))).status).toBe(200);
    await t.ingest.drain();
    const [corrected] = await t.database.db.select().from(messages).where(eq(messages.externalId, b.commentId));
    const res = await t.app.request(`/api/messages/${corrected!.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ label: "other" }),
    });
    expect(res.status).toBe(200);

    const result = await reclassifyMessages(t.database.db, praiseEverything, { batchSize: 1 });
    expect(result).toEqual({ examined: 2, relabelled: 1, keptAgentLabels: 1 });
    // Each buyer wrote once, so neither had written before: the context ingestion gave.
    expect(contextsSeen.map((c) => c?.priorMessagesFromAuthor)).toEqual([0, 0]);
    const after = await t.database.db.select().from(messages);
    const byExternal = new Map(after.map((m) => [m.externalId, m]));
    expect(byExternal.get(a.commentId)).toMatchObject({ label: "praise", labelSource: "model" });
    expect(byExternal.get(a.commentId)?.classification?.modelVersion).toBe("test-praise-v2");
    expect(byExternal.get(b.commentId)).toMatchObject({ label: "other", labelSource: "agent" });

    expect(await exportCorrections(t.database.db)).toBe(`${JSON.stringify({ text: "is this vegan?", label: "other" })}\n`);

    // The spike metrics moved with the new labels, sentiments and escalation levels: they still
    // equal a full recount from the messages.
    const recount = await recountSpikeMetrics(t.database.db, t.workspaceId);
    const incremental = await readStoredSpikeMetrics(t.database.db, t.workspaceId);
    expect(Object.fromEntries(incremental.buckets)).toEqual(Object.fromEntries(recount.buckets));
    expect(Object.fromEntries(incremental.backlog)).toEqual(Object.fromEntries(recount.backlog));
    const minuteOfA = [...incremental.buckets].find(([key]) => key.startsWith("platform:instagram:60:") && key.endsWith(`:${1763800000 * 1000 - ((1763800000 * 1000) % 60_000)}`));
    expect(minuteOfA?.[1]).toMatchObject({ negative: 1, escalationHigh: 1 });
  });
});
