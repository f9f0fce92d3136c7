import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { messages, posts } from "@surgedesk/api/db/schema/index.ts";
import { InstagramWorld } from "../emulators/instagram/instagram-world.ts";
import { createTestApp, type TestApp } from "../testing/test-app.ts";
import { startDemoSurge } from "./demo-surge.ts";
import type { Scenario } from "./scenarios/scenario.ts";
import { QUIET_COMMENT_MIX } from "./scenarios/traffic-shapes.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const short: Scenario = {
  name: "short",
  description: "",
  durationMinutes: 3,
  warmupMinutes: 0,
  posts: [{ key: "ig-demo", platform: "instagram", caption: "Reel" }],
  campaigns: [],
  streams: [{ post: "ig-demo", platform: "instagram", kind: "comment", ratePerMinute: () => 20, labelMix: () => QUIET_COMMENT_MIX }],
  surges: [],
};

describe("startDemoSurge", () => {
  it("delivers the history at once, plays the rest live on the wall clock, and stops when asked", async () => {
    const surge = startDemoSurge({ app: t.app, config: t.config, scenario: short, liveFromMinute: 2.95 });
    await new Promise((r) => setTimeout(r, 4_000));
    surge.stop();
    const { delivered, accepted } = await surge.done;
    expect(delivered).toBeGreaterThan(40);
    expect(accepted).toBeGreaterThan(40);
    await t.ingest.drain();
    const stored = await t.database.db.select({ createdAt: messages.createdAt }).from(messages).where(eq(messages.workspaceId, t.workspaceId));
    expect(stored.length).toBe(accepted);
    // The history is dated in the recent past, up to now; nothing is in the future.
    expect(Math.max(...stored.map((m) => m.createdAt.getTime()))).toBeLessThanOrEqual(Date.now() + 1000);
    expect(Math.min(...stored.map((m) => m.createdAt.getTime()))).toBeLessThan(Date.now() - 2 * 60_000);
  });

  it("puts the reels and each comment into the emulated Instagram as it is delivered, not before", async () => {
    const world = new InstagramWorld();
    const account = world.addAccount({ id: "17841400000000001", username: "glowbar.co" });
    // Half the scenario is history, the rest would play live for 1.5 minutes: stopped after 1 s.
    const surge = startDemoSurge({ app: t.app, config: t.config, scenario: short, liveFromMinute: 1.5, instagram: { world, accountId: account.id } });
    await new Promise((r) => setTimeout(r, 1_000));
    surge.stop();
    const { accepted } = await surge.done;
    await t.ingest.drain();
    const [reel] = world.mediaOf(account.id);
    expect(reel).toMatchObject({ caption: "Reel", productType: "REELS" });
    // Every delivered comment exists on "Instagram" (an agent's reply reaches it); the
    // undelivered rest of the live part does not exist yet.
    const onPlatform = world.visibleThread(reel!.id);
    expect(onPlatform.length).toBe(accepted);
    const stored = await t.database.db
      .select({ externalId: messages.externalId })
      .from(messages)
      .innerJoin(posts, eq(posts.id, messages.postId))
      .where(eq(posts.externalId, reel!.id));
    expect(new Set(stored.map((m) => m.externalId))).toEqual(new Set(onPlatform.map((c) => c.id)));
    expect(accepted).toBeLessThan(55); // 20 a minute for 1.5 minutes, plus about 1 s of the live part
  });
});
