import { and, eq, inArray } from "drizzle-orm";
import type { Config } from "@surgedesk/api/config.ts";
import { connectedAccounts } from "@surgedesk/api/db/schema/index.ts";
import type { Database } from "@surgedesk/api/db/client.ts";
import { startEmulatorServer } from "../emulators/emulator-server.ts";
import { InstagramWorld } from "../emulators/instagram/instagram-world.ts";
import { instagramGraphHandlers } from "../emulators/instagram/graph-handlers.ts";
import { connectEmulatedAccount } from "../emulators/instagram/connect-emulated-account.ts";
import { connectEmulatedBusiness } from "../emulators/tiktok/connect-emulated-business.ts";
import { createTikTokEmulator, type TikTokEmulator } from "../emulators/tiktok/tiktok-emulator.ts";
import { seedTikTokDemoWorld } from "../emulators/tiktok/demo-world.ts";
import { TikTokShopEmulator } from "../emulators/tiktok-shop/shop-emulator.ts";
import { sampleShopOrders, seedShopOrders } from "../emulators/tiktok-shop/seed-shop-orders.ts";
import { seedShop } from "../emulators/tiktok-shop/seed-shop.ts";
import { connectEmulatedShop } from "../emulators/tiktok-shop/connect-emulated-shop.ts";
import { ShopifyStore } from "../emulators/shopify/shopify-store.ts";
import { shopifyHandlers } from "../emulators/shopify/shopify-handlers.ts";
import { seedShopify } from "../emulators/shopify/seed-shopify.ts";
import { demoOAuthHandlers } from "./demo-oauth.ts";

/**
 * What each demo TikTok Shop buyer writes, by the state of the order on their card
 * (`sampleShopOrders`' keys): the buyer of an order still awaiting shipment asks when it ships,
 * the one in transit where it is, the one whose delivered set leaked about their refund (with a
 * photo, sent after), the one who asked to cancel about the cancellation.
 */
export const DEMO_BUYER_LINES: Readonly<Record<string, readonly string[]>> = {
  "ship-today": [
    "hi! has my order shipped yet? I need the serum by the weekend",
    "the app still says awaiting shipment",
    "ok, please make sure it goes out today",
  ],
  "in-transit": ["hi, where is my order? it says shipped 3 days ago", "tracking hasn't moved since monday", "will it arrive before friday?"],
  "damaged-refund": [
    "the vitamin C set arrived leaking, the box was all wet",
    "I requested a refund in the app yesterday, how long does it take?",
    "here's a photo of the bottle",
  ],
  "cancel-requested": [
    "please cancel my order, I picked the wrong shade",
    "I already sent a cancellation request in the app, can you approve it?",
    "it hasn't shipped yet so it should be fine to cancel",
  ],
};

/** The demo brand's Instagram account: the same id the demo webhook deliveries are for. */
export const DEMO_INSTAGRAM_ACCOUNT_ID = "17841400000000001";

const MINUTE = 60_000;

export interface DemoPlatforms {
  instagram: InstagramWorld;
  tiktok: TikTokEmulator;
  tiktokBusinessId: string;
  /** The emulated TikTok video the demo's surge plays on. */
  surgeVideoId: string;
  shop: TikTokShopEmulator;
  /** Order context for replies, at the configured demo shop domain. */
  shopify: ShopifyStore;
  stop(): void;
}

/**
 * Demo mode's platforms: emulated Instagram Graph, TikTok for Business and TikTok Shop APIs in
 * this process (msw), with the demo brand's accounts connected to them, so the pollers gather
 * comments and conversations exactly as they would from the real APIs. Nothing leaves the
 * machine: any request to a host without an emulator is refused.
 */
export async function startDemoPlatforms({
  db,
  config,
  workspaceId,
  seedContent,
  prepareInstagram,
}: {
  db: Database;
  config: Config;
  workspaceId: string;
  /** False on a restart: what the emulators held last time is already in the inbox. */
  seedContent: boolean;
  /** Fills the emulated Instagram before the demo account is connected (and so first polled). */
  prepareInstagram?: (world: InstagramWorld) => Promise<void>;
}): Promise<DemoPlatforms> {
  const now = Date.now();
  // The emulators live in memory, so the TikTok accounts of a previous run (random ids and
  // tokens) are gone; retire them rather than let them fail every poll.
  await db
    .update(connectedAccounts)
    .set({ status: "disconnected", accessTokenEncrypted: null, attentionReason: "The demo's emulated platform was restarted." })
    .where(and(eq(connectedAccounts.workspaceId, workspaceId), inArray(connectedAccounts.channel, ["tiktok_business", "tiktok_shop"])));

  const instagram = new InstagramWorld();
  const igAccount = instagram.addAccount({ id: DEMO_INSTAGRAM_ACCOUNT_ID, username: "glowbar.co" });
  // A reel whose comments arrived while Surgedesk was not running: only backfill finds them.
  const reel = instagram.addMedia(igAccount.id, { caption: "Glow serum: restock day 🍊", timestamp: new Date(now - 3 * 60 * MINUTE) });
  await prepareInstagram?.(instagram);
  if (seedContent) {
    [
      "did anyone else get a broken pump? 😭",
      "ordered on the 3rd (#10486) and the tracking still says label created",
      "code GLOWUP20 says expired but the video says it's valid till sunday??",
      "obsessed. bought two 💛",
    ].forEach((text, i) => instagram.addComment(reel.id, { text, timestamp: new Date(now - (170 - i * 20) * MINUTE) }));
  }

  const tiktok = createTikTokEmulator();
  const seededTikTok = seedContent ? seedTikTokDemoWorld(tiktok.world) : null;
  const business = seededTikTok?.business ?? tiktok.world.addBusiness({ username: "glowbar.official" });
  // The video the demo's surge plays on: the launch video, or a fresh one after a restart.
  const surgeVideoId =
    seededTikTok?.videos[0]?.itemId ??
    tiktok.world.addVideo(business.businessId, { createdAt: new Date(now - 10 * MINUTE), caption: "restock drop is LIVE 🍊" }).itemId;

  const shopAppKey = config.tiktok.shopAppKey;
  const shopAppSecret = config.tiktok.shopAppSecret;
  if (!shopAppKey || !shopAppSecret) throw new Error("demo mode needs TikTok Shop app credentials (set in config for demo)");
  const shop = new TikTokShopEmulator({ appKey: shopAppKey, appSecret: shopAppSecret });
  const demoShop = shop.addShop({ name: "Glowbar TikTok Shop" });
  if (seedContent) {
    // Each customer-service conversation is its buyer's own order (placed by them, so the order
    // search by their user id finds it too) shared on their order card; the rest of the shop's
    // orders belong to buyers who have not written.
    const orders = sampleShopOrders(new Date(now));
    const conversations = 4;
    seedShop(demoShop, {
      conversations,
      messagesPerConversation: 8,
      buyerLines: (c) => DEMO_BUYER_LINES[orders[c % orders.length]!.key] ?? [],
      start: new Date(now - 5 * 60 * MINUTE),
      orderCard: (conversation, c) => {
        const spec = orders[c % orders.length]!;
        return seedShopOrders(demoShop, [{ ...spec, buyerUserId: conversation.buyer.user_id }]).get(spec.key)!.order.id;
      },
    });
    seedShopOrders(demoShop, orders.slice(conversations));
  }

  const shopify = new ShopifyStore({
    ...(config.shopify.shopDomain && { shopDomain: config.shopify.shopDomain }),
    ...(config.shopify.adminToken && { accessToken: config.shopify.adminToken }),
  });
  seedShopify(shopify, now);

  const server = startEmulatorServer([
    ...instagramGraphHandlers(instagram),
    ...tiktok.handlers,
    ...shop.handlers(),
    ...shopifyHandlers(shopify),
    ...demoOAuthHandlers({ config, instagram, tiktok: tiktok.world, shop, now }),
  ]);

  await connectEmulatedAccount(db, config, workspaceId, igAccount);
  await connectEmulatedBusiness(db, config, workspaceId, business);
  await connectEmulatedShop(db, config, workspaceId, demoShop);

  return { instagram, tiktok, tiktokBusinessId: business.businessId, surgeVideoId, shop, shopify, stop: () => server.close() };
}
