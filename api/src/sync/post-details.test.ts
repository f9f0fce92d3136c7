import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SetupServer } from "msw/node";
import { eq } from "drizzle-orm";
import type { SpikeOverview } from "@surgedesk/shared";
import { posts } from "../db/schema/index.ts";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedAccount } from "@surgedesk/devkit/emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { connectEmulatedBusiness } from "@surgedesk/devkit/emulators/tiktok/connect-emulated-business.ts";
import { createTikTokEmulator } from "@surgedesk/devkit/emulators/tiktok/tiktok-emulator.ts";
import { createLogger } from "../lib/logger.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createSyncScheduler } from "./sync-scheduler.ts";

/**
 * Webhooks and comment pages name a post only by its id; the media and video lists carry the
 * caption people know it by. The pollers save it on the post, so the spikes page can say which
 * video is surging.
 */
const clock = { now: new Date() };
const instagram = new InstagramWorld();
const tiktok = createTikTokEmulator({ now: () => clock.now });
let server: SetupServer;
let t: TestApp;

beforeAll(async () => {
  server = startEmulatorServer([...instagramGraphHandlers(instagram), ...tiktok.handlers]);
  t = await createTestApp();
});
afterAll(async () => {
  server?.close();
  await t?.close();
});

const scheduler = () =>
  createSyncScheduler({ db: t.database.db, config: t.config, logger: createLogger("silent"), notifyIngest: () => {}, now: () => clock.now, random: () => 0.5 });

const postByExternalId = async (externalId: string) => (await t.database.db.select().from(posts).where(eq(posts.externalId, externalId)))[0];

describe("post captions from the media and video lists", () => {
  it("names an Instagram reel that webhooks created by its caption, and follows caption edits", async () => {
    // The webhooks' fixture account; its reel exists on the emulated Instagram too.
    const brand = instagram.addAccount({ id: "17841400000000001", username: "glowbar" });
    const reel = instagram.addMedia(brand.id, {
      id: "18172143295349192",
      productType: "REELS",
      caption: "Glow serum is BACK 🍊\n\n#skincare #restock #glowbar",
      timestamp: new Date(clock.now.getTime() - 3_600_000),
    });
    await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, brand);

    // A comment arrives by webhook first: the post exists, named by nothing but its id.
    for (let i = 0; i < 3; i++) {
      const delivery = instagramCommentDelivery({ mediaId: reel.id });
      expect((await t.anonymous.request("/webhooks/instagram", signedInstagramPost(delivery.body))).status).toBe(200);
    }
    await t.ingest.drain();
    expect(await postByExternalId(reel.id)).toMatchObject({ caption: null, permalink: null });

    // Accounts are connected with the database's clock: poll a moment after that.
    clock.now = new Date(Date.now() + 1_000);
    const sync = scheduler();
    await sync.drain();
    const named = await postByExternalId(reel.id);
    expect(named).toMatchObject({
      caption: "Glow serum is BACK 🍊\n\n#skincare #restock #glowbar",
      productType: "REELS",
      permalink: expect.stringMatching(/^https:\/\/www\.instagram\.com\/reel\//),
      publishedAt: reel.timestamp,
    });

    // The spikes overview names it by its caption's first words, on one line.
    const overview = (await (await t.app.request("/api/spikes/overview?minutes=60")).json()) as SpikeOverview;
    const row = overview.posts.find((p) => p.id === named!.id);
    expect(row).toMatchObject({ name: "Glow serum is BACK 🍊 #skincare #restock #glowbar (Instagram reel)", received: 3 });

    // The brand edits the caption; the next read of the media list (15 minutes on) picks it up.
    reel.caption = "Glow serum restock: sold out again, back Friday";
    clock.now = new Date(clock.now.getTime() + 16 * 60_000);
    await sync.drain();
    expect((await postByExternalId(reel.id))!.caption).toBe("Glow serum restock: sold out again, back Friday");
    await sync.stop();
  });

  it("saves a TikTok video's caption and share link before its first comment", async () => {
    const business = tiktok.world.addBusiness({ businessId: "-000captions" });
    const video = tiktok.world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 600_000), caption: "3 steps to glass skin ✨" });
    await connectEmulatedBusiness(t.database.db, t.config, t.workspaceId, business);
    clock.now = new Date(Date.now() + 1_000);
    const sync = scheduler();
    await sync.drain();
    expect(await postByExternalId(video.itemId)).toMatchObject({
      platform: "tiktok",
      productType: "VIDEO",
      caption: "3 steps to glass skin ✨",
      permalink: `https://www.tiktok.com/@${business.username}/video/${video.itemId}`,
      workspaceId: t.workspaceId,
    });
    await sync.stop();
  });
});
