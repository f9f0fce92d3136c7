import type { RequestHandler } from "msw";
import type { Config } from "@surgedesk/api/config.ts";
import type { InstagramWorld, EmulatedAccount } from "../emulators/instagram/instagram-world.ts";
import { instagramOAuthHandlers } from "../emulators/instagram/oauth-handlers.ts";
import type { EmulatedBusiness, TikTokBusinessWorld } from "../emulators/tiktok/business-world.ts";
import { tiktokOAuthHandlers } from "../emulators/tiktok/oauth-handlers.ts";
import type { EmulatedShop } from "../emulators/tiktok-shop/emulated-shop.ts";
import type { TikTokShopEmulator } from "../emulators/tiktok-shop/shop-emulator.ts";
import { tiktokShopOAuthHandlers } from "../emulators/tiktok-shop/oauth-handlers.ts";
import { seedShop } from "../emulators/tiktok-shop/seed-shop.ts";

const MINUTE = 60_000;

/** The demo brand's second accounts: not connected at start, so "Connect" in Settings has something to connect. */
export const DEMO_OAUTH_HANDLES = { instagram: "glowbar.studio", tiktok: "glowbar.studio", shop: "Glowbar Outlet" } as const;

/**
 * Demo mode's "Connect Instagram / TikTok / TikTok Shop": the emulated platforms' consent pages
 * and token endpoints, for the demo's app credentials (config). Whoever agrees is signed in as
 * the brand's second account on each platform — made on first use, with a post and a few
 * comments already on it, so the pollers have something to bring into the inbox once connected.
 */
export function demoOAuthHandlers({
  config,
  instagram,
  tiktok,
  shop,
  now,
}: {
  config: Config;
  instagram: InstagramWorld;
  tiktok: TikTokBusinessWorld;
  shop: TikTokShopEmulator;
  now: number;
}): RequestHandler[] {
  let igAccount: EmulatedAccount | undefined;
  let business: EmulatedBusiness | undefined;
  let outlet: EmulatedShop | undefined;

  const instagramAccount = () => {
    if (igAccount) return igAccount;
    igAccount = instagram.addAccount({ username: DEMO_OAUTH_HANDLES.instagram });
    const media = instagram.addMedia(igAccount.id, { caption: "Studio tour: where the glow serum is mixed", timestamp: new Date(now - 50 * MINUTE) });
    ["is the studio open for visits?", "my order from the studio sale never shipped 😕", "love the new packaging!"].forEach((text, i) =>
      instagram.addComment(media.id, { text, timestamp: new Date(now - (40 - i * 10) * MINUTE) }),
    );
    return igAccount;
  };
  const tiktokBusiness = () => {
    if (business) return business;
    business = tiktok.addBusiness({ username: DEMO_OAUTH_HANDLES.tiktok });
    const video = tiktok.addVideo(business.businessId, { createdAt: new Date(now - 30 * MINUTE), caption: "behind the scenes at the studio 🍊" });
    [
      { username: "lucia.glows", text: "where can I buy this in Spain?" },
      { username: "maya_k", text: "ordered last week, still no tracking number" },
      { username: "orangefan22", text: "the orange one is my fave" },
    ].forEach(({ username, text }, i) =>
      tiktok.addComment(video.itemId, { userId: tiktok.newId(), username, text, createdAt: new Date(now - (20 - i * 5) * MINUTE) }),
    );
    return business;
  };
  const outletShop = () => {
    if (outlet) return outlet;
    outlet = shop.addShop({ name: DEMO_OAUTH_HANDLES.shop });
    seedShop(outlet, { conversations: 2, messagesPerConversation: 4, start: new Date(now - 60 * MINUTE) });
    return outlet;
  };

  const handlers: RequestHandler[] = [];
  if (config.oauth.instagramAppId && config.instagram.appSecret) {
    handlers.push(...instagramOAuthHandlers(instagram, { appId: config.oauth.instagramAppId, appSecret: config.instagram.appSecret, signedIn: instagramAccount }));
  }
  if (config.oauth.tiktokClientKey && config.tiktok.clientSecret) {
    handlers.push(...tiktokOAuthHandlers(tiktok, { clientKey: config.oauth.tiktokClientKey, clientSecret: config.tiktok.clientSecret, signedIn: tiktokBusiness }));
  }
  if (config.oauth.tiktokShopServiceId) handlers.push(...tiktokShopOAuthHandlers(shop, { serviceId: config.oauth.tiktokShopServiceId, signedIn: outletShop }));
  return handlers;
}
