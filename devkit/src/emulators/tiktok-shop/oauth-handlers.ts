import { randomBytes } from "node:crypto";
import { http, HttpResponse, type RequestHandler } from "msw";
import { verifyShopRequestSignature } from "@surgedesk/api/platforms/tiktok-shop/request-signing.ts";
import type { EmulatedShop } from "./emulated-shop.ts";
import type { TikTokShopEmulator } from "./shop-emulator.ts";
import { consentPage, errorPage, IssuedCodes, withQuery } from "../oauth-consent.ts";

export const TIKTOK_SHOP_AUTHORIZE = "https://services.tiktokshop.com/open/authorize";
export const TIKTOK_SHOP_AUTH = "https://auth.tiktok-shops.com/api/v2/token";
const ACCESS_TOKEN_SECONDS = 7 * 86_400;
const REFRESH_TOKEN_SECONDS = 365 * 86_400;

export interface TikTokShopOAuthApp {
  serviceId: string;
  /** The shop the seller picks on the consent page. */
  signedIn: () => EmulatedShop;
  /** The redirect URI registered in Partner Center; absent, the emulator follows the request's `redirect_uri`. */
  redirectUri?: string;
}

function requestId(now: Date): string {
  return `${now.toISOString().replace(/\D/g, "").slice(0, 14)}${randomBytes(9).toString("hex").toUpperCase()}`;
}

/**
 * TikTok Shop Partner Center authorization, emulated: the consent page, `token/get` (auth code →
 * access and refresh tokens, their expiries as Unix times), `token/refresh`, and Get Authorized
 * Shops (signed like every Partner API call) for the shop's id and cipher.
 */
export function tiktokShopOAuthHandlers(emulator: TikTokShopEmulator, app: TikTokShopOAuthApp): RequestHandler[] {
  const codes = new IssuedCodes(emulator.now);
  const refreshTokens = new Map<string, { shopId: string; expiresAt: Date }>();
  const envelope = (code: number, message: string, data: unknown = {}) => HttpResponse.json({ code, message, request_id: requestId(emulator.now()), data });
  const shopById = (id: string) => emulator.shops.find((s) => s.shopId === id);

  const issueTokens = (shop: EmulatedShop) => {
    const now = Math.floor(emulator.now().getTime() / 1000);
    const refreshToken = `ROW_rt_${randomBytes(24).toString("base64url")}`;
    refreshTokens.set(refreshToken, { shopId: shop.shopId, expiresAt: new Date((now + REFRESH_TOKEN_SECONDS) * 1000) });
    shop.renewToken(`ROW_${randomBytes(24).toString("base64url")}`);
    return {
      access_token: shop.accessToken,
      access_token_expire_in: now + ACCESS_TOKEN_SECONDS,
      refresh_token: refreshToken,
      refresh_token_expire_in: now + REFRESH_TOKEN_SECONDS,
      open_id: `open_${shop.shopId}`,
      seller_name: shop.name,
      seller_base_region: "GB",
      user_type: 0,
      granted_scopes: ["seller.customer_service", "seller.authorization.info"],
    };
  };
  const appChecked = (q: URLSearchParams) => q.get("app_key") === emulator.appKey && q.get("app_secret") === emulator.appSecret;

  return [
    http.get(TIKTOK_SHOP_AUTHORIZE, ({ request }) => {
      const q = new URL(request.url).searchParams;
      if (q.get("service_id") !== app.serviceId) return errorPage("TikTok Shop", "This service is not available");
      const redirectUri = app.redirectUri ?? q.get("redirect_uri");
      if (!redirectUri || !/^https?:\/\//.test(redirectUri)) return errorPage("TikTok Shop", "No redirect URL is registered for this service");
      const state = q.get("state") ?? "";
      const shop = app.signedIn();
      const issued = codes.issue({ accountId: shop.shopId, clientId: emulator.appKey, redirectUri, prefix: "ROW_" });
      return consentPage({
        platform: "TikTok Shop",
        app: "Surgedesk",
        account: shop.name,
        scopes: ["Customer service", "Shop authorized information"],
        allowUrl: withQuery(redirectUri, { app_key: emulator.appKey, code: issued.code, locale: "en", shop_region: "GB", state }),
        denyUrl: withQuery(redirectUri, { error: "access_denied", state }),
      });
    }),

    http.get(`${TIKTOK_SHOP_AUTH}/get`, ({ request }) => {
      const q = new URL(request.url).searchParams;
      if (!appChecked(q)) return envelope(36004003, "app_key or app_secret is invalid.");
      if (q.get("grant_type") !== "authorized_code") return envelope(36004001, "grant_type: must be authorized_code.");
      const redeemed = codes.redeem(q.get("auth_code") ?? "", emulator.appKey);
      if (!redeemed.ok) return envelope(36004004, redeemed.reason === "used" ? "auth_code has already been used." : "auth_code is invalid or expired.");
      const shop = shopById(redeemed.issued.accountId);
      if (!shop) return envelope(36004004, "auth_code is invalid or expired.");
      return envelope(0, "success", issueTokens(shop));
    }),

    http.get(`${TIKTOK_SHOP_AUTH}/refresh`, ({ request }) => {
      const q = new URL(request.url).searchParams;
      if (!appChecked(q)) return envelope(36004003, "app_key or app_secret is invalid.");
      const token = q.get("refresh_token") ?? "";
      const known = refreshTokens.get(token);
      const shop = known && shopById(known.shopId);
      if (q.get("grant_type") !== "refresh_token" || !known || !shop || known.expiresAt.getTime() <= emulator.now().getTime()) {
        return envelope(36004005, "refresh_token is invalid or expired.");
      }
      refreshTokens.delete(token);
      return envelope(0, "success", issueTokens(shop));
    }),

    http.get(`${emulator.baseUrl}/authorization/202309/shops`, ({ request }) => {
      const url = new URL(request.url);
      const query = Object.fromEntries(url.searchParams);
      if (query["app_key"] !== emulator.appKey) return envelope(106001, "Invalid app_key.");
      if (!verifyShopRequestSignature({ path: url.pathname, query }, query["sign"], emulator.appSecret)) return envelope(106001, "Invalid signature.");
      const shop = emulator.shops.find((s) => s.accessToken === request.headers.get("x-tts-access-token"));
      if (!shop) return envelope(105001, "Invalid access token.");
      return envelope(0, "Success", { shops: [{ id: shop.shopId, name: shop.name, region: "GB", seller_type: "LOCAL", cipher: shop.cipher, code: `GBLC${shop.shopId.slice(-6).toUpperCase()}` }] });
    }),
  ];
}
