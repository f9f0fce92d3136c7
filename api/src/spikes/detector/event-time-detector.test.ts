import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SpikeAlert } from "@surgedesk/shared";
import { createLogger } from "../../lib/logger.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { staticMacroCatalog } from "../readiness/macro-catalog.ts";
import { createSpikeDetector } from "./spike-detector.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Comments on one reel at `perMinute` from `fromMinute` to `toMinute`, dated on a past clock. */
async function comments(base: number, fromMinute: number, toMinute: number, perMinute: number) {
  for (let m = fromMinute; m < toMinute; m++) {
    for (let i = 0; i < perMinute; i++) {
      const { body } = instagramCommentDelivery({ mediaId: "18000000000999001", time: Math.floor(base / 1000) + m * 60 + Math.floor((i * 60) / perMinute), text: "where is my order" });
      expect((await t.app.request("/webhooks/instagram", signedInstagramPost(body))).status).toBe(200);
    }
  }
  await t.ingest.drain();
}

describe("detector on event time", () => {
  it("judges traffic dated in the past on its own clock, and every 30 s between sparse ticks", async () => {
    const base = Math.floor(Date.now() / 60_000) * 60_000 - 3 * 3_600_000; // three hours ago
    const detector = createSpikeDetector({ db: t.database.db, logger: createLogger("silent"), macroCatalog: staticMacroCatalog([]) });
    await comments(base, 0, 30, 4);
    // No clock given: the newest message's time is "now" while messages flow.
    const [first] = await detector.tick({ workspaceId: t.workspaceId });
    expect(Math.abs(first!.at.getTime() - (base + 30 * 60_000))).toBeLessThan(60_000);
    expect(first!.started).toBe(0);
    await comments(base, 30, 40, 24);
    // One tick ten minutes of event time later still sees the surge start within two minutes.
    const [second] = await detector.tick({ workspaceId: t.workspaceId });
    expect(second!.started).toBeGreaterThan(0);
    const { items } = (await (await t.app.request("/api/spikes/alerts")).json()) as { items: SpikeAlert[] };
    const onPost = items.find((a) => a.seriesKind === "post");
    expect(onPost).toBeDefined();
    expect(Date.parse(onPost!.detectedAt) - (base + 30 * 60_000)).toBeLessThanOrEqual(2 * 60_000);
    expect(onPost!.numbers.labels[0]?.label).toBe("order_status");
  });
});
