import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SetupServer } from "msw/node";
import { http, HttpResponse } from "msw";
import { eq } from "drizzle-orm";
import type { MessageContext, SpikeOverview } from "@surgedesk/shared";
import { messages, posts } from "../db/schema/index.ts";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedAccount } from "@surgedesk/devkit/emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { connectEmulatedBusiness } from "@surgedesk/devkit/emulators/tiktok/connect-emulated-business.ts";
import { createTikTokEmulator } from "@surgedesk/devkit/emulators/tiktok/tiktok-emulator.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { createWorkspaceWithAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createLogger } from "../lib/logger.ts";
import { createSyncScheduler } from "../sync/sync-scheduler.ts";

/**
 * A post is known by its caption and its picture. The media and video lists bring the
 * platform's cover link; the console loads it from Surgedesk, which fetches it from the
 * platform's own CDN only, and serves only bytes that really are a picture.
 */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
const clock = { now: new Date() };
const instagram = new InstagramWorld();
const tiktok = createTikTokEmulator({ now: () => clock.now });
/** Requests that reached a host outside the platforms' CDNs (there must be none). */
const strayRequests: string[] = [];
let server: SetupServer;
let t: TestApp;

beforeAll(async () => {
  server = startEmulatorServer([
    ...instagramGraphHandlers(instagram),
    ...tiktok.handlers,
    // A CDN host answering with a page instead of a picture.
    http.get("https://scontent-html.cdninstagram.com/*", () => HttpResponse.html("<script>alert(1)</script>")),
    http.all("https://elsewhere.example/*", ({ request }) => {
      strayRequests.push(request.url);
      return HttpResponse.text("no");
    }),
  ]);
  t = await createTestApp();
});
afterAll(async () => {
  server?.close();
  await t?.close();
});

const scheduler = () =>
  createSyncScheduler({ db: t.database.db, config: t.config, logger: createLogger("silent"), notifyIngest: () => {}, now: () => clock.now, random: () => 0.5 });
const postByExternalId = async (externalId: string) => (await t.database.db.select().from(posts).where(eq(posts.externalId, externalId)))[0]!;

describe("post pictures", () => {
  it("shows an Instagram reel's cover and a TikTok video's cover through Surgedesk", async () => {
    const brand = instagram.addAccount({ id: "17841400000000001", username: "glowbar" });
    const reel = instagram.addMedia(brand.id, { id: "18172143295349192", productType: "REELS", mediaType: "VIDEO", caption: "Glow serum is BACK 🍊", timestamp: new Date(clock.now.getTime() - 3_600_000) });
    await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, brand);
    const business = tiktok.world.addBusiness({ username: "glowbar" });
    const video = tiktok.world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 3_600_000), caption: "restock drop 🍊" });
    await connectEmulatedBusiness(t.database.db, t.config, t.workspaceId, business);

    // A comment on the reel arrives by webhook, so there is a message to open.
    expect((await t.anonymous.request("/webhooks/instagram", signedInstagramPost(instagramCommentDelivery({ mediaId: reel.id }).body))).status).toBe(200);
    await t.ingest.drain();
    clock.now = new Date(Date.now() + 1_000);
    await scheduler().drain();

    const reelPost = await postByExternalId(reel.id);
    expect(reelPost.thumbnailUrl).toMatch(/^https:\/\/scontent\.cdninstagram\.com\//);
    const videoPost = await postByExternalId(video.itemId);
    expect(videoPost.thumbnailUrl).toMatch(/^https:\/\/p16-sign-va\.tiktokcdn\.com\/.*x-expires=/);

    // The message's context and the spikes page point at Surgedesk's address, not the CDN's.
    const [message] = await t.database.db.select({ id: messages.id }).from(messages).where(eq(messages.postId, reelPost.id));
    const context = (await (await t.app.request(`/api/messages/${message!.id}/context`)).json()) as MessageContext;
    expect(context.post?.thumbnail).toMatch(new RegExp(`^/api/posts/${reelPost.id}/thumbnail\\?v=[\\w-]{12}$`));
    const overview = (await (await t.app.request("/api/spikes/overview?minutes=60")).json()) as SpikeOverview;
    expect(overview.posts.find((p) => p.id === reelPost.id)?.post?.thumbnail).toBe(context.post?.thumbnail);

    for (const path of [context.post!.thumbnail!, `/api/posts/${videoPost.id}/thumbnail`]) {
      const response = await t.app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect([...new Uint8Array(await response.arrayBuffer()).subarray(0, 4)]).toEqual(PNG_SIGNATURE);
    }

    // A renewed link is a new address, so browsers never keep showing an old picture.
    await t.database.db.update(posts).set({ thumbnailUrl: `${reelPost.thumbnailUrl}&renewed=1` }).where(eq(posts.id, reelPost.id));
    const renewed = (await (await t.app.request(`/api/messages/${message!.id}/context`)).json()) as MessageContext;
    expect(renewed.post?.thumbnail).not.toBe(context.post?.thumbnail);

    // Only signed-in members of the post's workspace get it.
    expect((await t.anonymous.request(`/api/posts/${reelPost.id}/thumbnail`)).status).toBe(401);
    const other = await createWorkspaceWithAccount(t.database.db, "Another brand");
    const viewerElsewhere = await t.tokenFor("viewer", other.workspaceId);
    const foreign = await t.app.request(`/api/posts/${reelPost.id}/thumbnail`, { headers: { authorization: `Bearer ${viewerElsewhere}` } });
    expect(foreign.status).toBe(404);
  });

  it("answers 404 for an expired link, a host that is not the platform's CDN and bytes that are not a picture", async () => {
    const business = tiktok.world.addBusiness({ username: "glowbar2" });
    const video = tiktok.world.addVideo(business.businessId, { createdAt: new Date(clock.now.getTime() - 3_600_000), caption: "old drop" });
    await connectEmulatedBusiness(t.database.db, t.config, t.workspaceId, business);
    clock.now = new Date(Date.now() + 2_000);
    await scheduler().drain();
    const post = await postByExternalId(video.itemId);
    const setLink = (url: string) => t.database.db.update(posts).set({ thumbnailUrl: url }).where(eq(posts.id, post.id));
    const picture = () => t.app.request(`/api/posts/${post.id}/thumbnail`);

    // TikTok's signed links expire; the CDN refuses them until the next video poll renews it.
    await setLink(post.thumbnailUrl!.replace(/x-expires=\d+/, "x-expires=1700000000"));
    const expired = await picture();
    expect(expired.status).toBe(404);
    expect(await expired.json()).toMatchObject({ error: { code: "not_found" } });

    // Not TikTok's CDN (nor a look-alike name, nor plain http): never fetched.
    for (const url of ["https://elsewhere.example/cover.png", "https://tiktokcdn.com.elsewhere.example/x.png", "http://p16-sign-va.tiktokcdn.com/obj/x.png", "https://scontent.cdninstagram.com/v/t51.2885-15/1_n.png"]) {
      await setLink(url);
      expect((await picture()).status).toBe(404);
    }
    expect(strayRequests).toEqual([]);

    // A CDN answering HTML is not passed on from Surgedesk's origin.
    await t.database.db.update(posts).set({ platform: "instagram" }).where(eq(posts.id, post.id));
    await setLink("https://scontent-html.cdninstagram.com/v/page.png");
    expect((await picture()).status).toBe(404);
  });
});
