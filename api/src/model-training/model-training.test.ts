import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Classification, ModelOverview } from "@surgedesk/shared";
import { workspaces } from "../db/schema/index.ts";
import { newId } from "../lib/ids.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";

/**
 * The correction loop end to end, with the real fit (in its child process): agents relabel a
 * phrasing the shipped model does not know, a retrain learns it for their workspace only, and
 * the next such message is read right there — and only there.
 */

let t: TestApp;
let otherAdmin: string;
beforeAll(async () => {
  t = await createTestApp();
  const other = newId("ws");
  await t.database.db.insert(workspaces).values({ id: other, name: "Another brand" });
  otherAdmin = await t.tokenFor("admin", other);
});
afterAll(async () => {
  await t?.close();
});

// A brand's own word: "fizzled" is how this shop's buyers say their glow jar arrived damaged.
const PHRASINGS = (i: number) =>
  [
    `my glowjar fizzled out on arrival ${i}`,
    `glowjar came fizzled again, order ${i}`,
    `the jar is totally fizzled (${i})`,
    `fizzled glowjar number ${i} this week`,
    `opened it and it was fizzled ${i}`,
  ][i % 5]!;

async function classifyAs(token: string | null, text: string): Promise<Classification> {
  const res = await (token ? t.anonymous : t.app).request("/api/classify", {
    method: "POST",
    headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ texts: [text] }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: Classification[] }).results[0]!;
}

async function overview(): Promise<ModelOverview> {
  const res = await t.app.request("/api/model");
  expect(res.status).toBe(200);
  return (await res.json()) as ModelOverview;
}

describe("a workspace's own model", () => {
  it("learns ~30 corrections of a new phrasing, in that workspace only, and can be rolled back", async () => {
    const probe = "ugh my glowjar showed up fizzled";
    const before = await classifyAs(null, probe);
    expect(before.label).not.toBe("damaged_item");

    // 30 comments in the new phrasing arrive; agents relabel each one.
    const start = Math.floor(Date.now() / 1000) - 3600;
    for (let i = 0; i < 30; i++) {
      const res = await t.app.request("/webhooks/instagram", signedInstagramPost(instagramCommentDelivery({ text: PHRASINGS(i), time: start + i }).body));
      expect(res.status).toBe(200);
    }
    await t.ingest.drain();
    const page = (await (await t.app.request("/api/messages?limit=200")).json()) as { items: { id: string; text: string; label: string }[] };
    const ours = page.items.filter((m) => m.text.includes("fizzled"));
    expect(ours).toHaveLength(30);
    // A relabel to the label it already has is no correction.
    const wrong = ours.filter((m) => m.label !== "damaged_item").length;
    expect(wrong).toBeGreaterThanOrEqual(25);
    for (const message of ours.reverse()) {
      const res = await t.app.request(`/api/messages/${message.id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ label: "damaged_item" }),
      });
      expect(res.status).toBe(200);
    }
    expect((await overview()).corrections).toMatchObject({ total: wrong, sinceLastRun: wrong });

    // 30 ≥ the auto-retrain threshold: one pass queues the retrain and runs it.
    const runId = await t.trainer.runOnce();
    expect(runId).not.toBeNull();
    const after = await overview();
    const run = after.runs.find((r) => r.id === runId)!;
    expect(run).toMatchObject({ status: "promoted", trigger: "corrections", progress: 1 });
    expect(run.comparison!.candidateAccuracy).toBeGreaterThan(run.comparison!.currentAccuracy);
    expect(after.active.own).toBe(true);
    expect(after.active.modelVersion).not.toBe(after.baseVersion);
    expect(after.confusions.reduce((n, c) => n + (c.to === "damaged_item" ? c.count : 0), 0)).toBe(wrong);

    // The next such message: right in this workspace, through ingestion too; unchanged elsewhere.
    expect((await classifyAs(null, probe)).label).toBe("damaged_item");
    expect((await classifyAs(otherAdmin, probe)).label).toBe(before.label);
    await t.app.request("/webhooks/instagram", signedInstagramPost(instagramCommentDelivery({ text: probe }).body));
    await t.ingest.drain();
    const newest = (await (await t.app.request("/api/messages?limit=1")).json()) as { items: { text: string; label: string }[] };
    expect(newest.items[0]).toMatchObject({ text: probe, label: "damaged_item" });

    // Rollback restores the shipped model; nothing further to roll back after that.
    const rollback = await t.app.request("/api/model/rollback", { method: "POST" });
    expect(rollback.status).toBe(200);
    expect((await overview()).active).toMatchObject({ own: false, modelVersion: after.baseVersion });
    expect((await classifyAs(null, probe)).label).toBe(before.label);
    const again = await t.app.request("/api/model/rollback", { method: "POST" });
    expect(again.status).toBe(409);
  }, 240_000);

  it("refuses a retrain it cannot test, and keeps the model in use", async () => {
    const otherToken = otherAdmin;
    const res = await t.anonymous.request("/api/model/retrain", { method: "POST", headers: { authorization: `Bearer ${otherToken}` } });
    expect(res.status).toBe(202);
    await t.trainer.runOnce();
    const view = await t.anonymous.request("/api/model", { headers: { authorization: `Bearer ${otherToken}` } });
    const body = (await view.json()) as ModelOverview;
    expect(body.runs[0]).toMatchObject({ status: "rejected" });
    expect(body.runs[0]!.message).toMatch(/at least 10 corrections/);
    expect(body.active.own).toBe(false);
  });

  it("is for admins", async () => {
    const agent = await t.tokenFor("agent");
    for (const [method, path] of [["GET", "/api/model"], ["POST", "/api/model/retrain"], ["POST", "/api/model/rollback"]] as const) {
      const res = await t.anonymous.request(path, { method, headers: { authorization: `Bearer ${agent}` } });
      expect(res.status).toBe(403);
    }
  });
});
