import { randomBytes } from "node:crypto";
import { http, HttpResponse, type RequestHandler } from "msw";
import type { EmulatedBusiness, TikTokBusinessWorld } from "./business-world.ts";
import { TIKTOK_BUSINESS_API } from "./business-api-handlers.ts";
import { consentPage, errorPage, IssuedCodes, withQuery } from "../oauth-consent.ts";

export const TIKTOK_AUTHORIZE = "https://www.tiktok.com/v2/auth/authorize/";
const ACCESS_TOKEN_SECONDS = 86_400;
const REFRESH_TOKEN_SECONDS = 31_536_000;

export interface TikTokOAuthApp {
  clientKey: string;
  clientSecret: string;
  /** Who is signed in on the emulated TikTok when the admin reaches the consent page. */
  signedIn: () => EmulatedBusiness;
}

function requestId(now: Date): string {
  return `${now.toISOString().replace(/\D/g, "").slice(0, 14)}${randomBytes(9).toString("hex").toUpperCase()}`;
}

/**
 * TikTok API for Business account authorization, emulated: the consent page (Allow / Deny back
 * to the redirect URI), `tt_user/oauth2/token/` (auth_code → a day's access token and a year's
 * refresh token; unknown, reused and expired codes refused in the envelope, HTTP 200 as TikTok
 * does), `tt_user/oauth2/refresh_token/` (rotating the refresh token) and `business/get/` for
 * the account's username.
 */
export function tiktokOAuthHandlers(world: TikTokBusinessWorld, app: TikTokOAuthApp, base = TIKTOK_BUSINESS_API): RequestHandler[] {
  const codes = new IssuedCodes(() => world.now());
  const refreshTokens = new Map<string, { businessId: string; expiresAt: Date }>();
  const envelope = (code: number, message: string, data: unknown = {}) => HttpResponse.json({ code, message, request_id: requestId(world.now()), data });

  const issueTokens = (businessId: string, scope: string) => {
    const refreshToken = `rft.${randomBytes(24).toString("hex")}`;
    refreshTokens.set(refreshToken, { businessId, expiresAt: new Date(world.now().getTime() + REFRESH_TOKEN_SECONDS * 1000) });
    return {
      access_token: world.refreshToken(businessId),
      token_type: "Bearer",
      scope,
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: refreshToken,
      refresh_token_expires_in: REFRESH_TOKEN_SECONDS,
      open_id: businessId,
    };
  };

  const readJson = async (request: Request): Promise<Record<string, unknown>> => {
    try {
      const body: unknown = await request.json();
      return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };

  return [
    http.get(TIKTOK_AUTHORIZE, ({ request }) => {
      const q = new URL(request.url).searchParams;
      if (q.get("client_key") !== app.clientKey) return errorPage("TikTok", "client_key is invalid");
      const redirectUri = q.get("redirect_uri");
      if (!redirectUri || !/^https?:\/\//.test(redirectUri)) return errorPage("TikTok", "redirect_uri is invalid");
      const state = q.get("state") ?? "";
      const business = app.signedIn();
      const issued = codes.issue({ accountId: business.businessId, clientId: app.clientKey, redirectUri, prefix: "" });
      const scopes = (q.get("scope") ?? "").split(",").filter(Boolean);
      return consentPage({
        platform: "TikTok",
        app: "Surgedesk",
        account: `@${business.username}`,
        scopes,
        allowUrl: withQuery(redirectUri, { code: issued.code, scopes: scopes.join(","), state }),
        denyUrl: withQuery(redirectUri, { error: "access_denied", error_description: "The user denied the authorization.", state }),
      });
    }),

    http.post(`${base}/tt_user/oauth2/token/`, async ({ request }) => {
      const body = await readJson(request);
      if (body["client_id"] !== app.clientKey || body["client_secret"] !== app.clientSecret) return envelope(40001, "The app's client_id or client_secret is invalid.");
      if (body["grant_type"] !== "authorization_code") return envelope(40002, "grant_type: must be authorization_code.");
      const redeemed = codes.redeem(typeof body["auth_code"] === "string" ? body["auth_code"] : "", app.clientKey);
      if (!redeemed.ok) return envelope(40002, redeemed.reason === "used" ? "auth_code has already been used." : "auth_code is invalid or has expired.");
      if (redeemed.issued.redirectUri !== body["redirect_uri"]) return envelope(40002, "redirect_uri does not match the authorization request.");
      return envelope(0, "OK", issueTokens(redeemed.issued.accountId, "user.info.basic,video.list,comment.list,comment.list.manage"));
    }),

    http.post(`${base}/tt_user/oauth2/refresh_token/`, async ({ request }) => {
      const body = await readJson(request);
      if (body["client_id"] !== app.clientKey || body["client_secret"] !== app.clientSecret) return envelope(40001, "The app's client_id or client_secret is invalid.");
      const token = typeof body["refresh_token"] === "string" ? body["refresh_token"] : "";
      const known = refreshTokens.get(token);
      if (body["grant_type"] !== "refresh_token" || !known || known.expiresAt.getTime() <= world.now().getTime()) {
        return envelope(40002, "refresh_token is invalid or has expired.");
      }
      // Rotation: the refresh token just used is spent.
      refreshTokens.delete(token);
      return envelope(0, "OK", issueTokens(known.businessId, "user.info.basic,video.list,comment.list,comment.list.manage"));
    }),

    http.get(`${base}/business/get/`, ({ request }) => {
      const business = world.businessByToken(request.headers.get("access-token") ?? "");
      if (!business) return envelope(40105, "Access token is incorrect or has been revoked.");
      if (new URL(request.url).searchParams.get("business_id") !== business.businessId) return envelope(40002, "business_id: does not match the access token.");
      return envelope(0, "OK", { username: business.username, display_name: business.username });
    }),
  ];
}
