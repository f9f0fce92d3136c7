import { randomBytes } from "node:crypto";
import { http, HttpResponse, type RequestHandler } from "msw";
import type { EmulatedAccount, InstagramWorld } from "./instagram-world.ts";
import { consentPage, errorPage, IssuedCodes, withQuery } from "../oauth-consent.ts";

export const INSTAGRAM_AUTHORIZE = "https://www.instagram.com/oauth/authorize";
export const INSTAGRAM_TOKEN = "https://api.instagram.com/oauth/access_token";
/** 60 days, as Instagram says it in `expires_in`. */
const LONG_LIVED_SECONDS = 5_183_944;

export interface InstagramOAuthApp {
  appId: string;
  appSecret: string;
  /** Who is signed in on the emulated Instagram when the admin reaches the consent page. */
  signedIn: () => EmulatedAccount;
}

const oauthError = (message: string, code = 400) =>
  HttpResponse.json({ error_type: "OAuthException", code, error_message: message }, { status: 400 });

/**
 * Instagram API with Instagram Login, emulated: the authorization window (Allow / Deny back to
 * the redirect URI, with `#_` after the code as Instagram appends it), the code → short-lived
 * token exchange (unknown, reused or expired codes, a wrong secret or redirect URI refused as
 * Meta does) and the short → long-lived exchange on graph.instagram.com.
 */
export function instagramOAuthHandlers(world: InstagramWorld, app: InstagramOAuthApp): RequestHandler[] {
  const codes = new IssuedCodes(() => world.now());
  const shortLived = new Map<string, { accountId: string; expiresAt: Date }>();

  return [
    http.get(INSTAGRAM_AUTHORIZE, ({ request }) => {
      const q = new URL(request.url).searchParams;
      if (q.get("client_id") !== app.appId) return errorPage("Instagram", "Invalid platform app");
      const redirectUri = q.get("redirect_uri");
      if (!redirectUri || !/^https?:\/\//.test(redirectUri)) return errorPage("Instagram", "Invalid redirect_uri");
      if (q.get("response_type") !== "code") return errorPage("Instagram", "response_type must be code");
      const state = q.get("state") ?? "";
      const account = app.signedIn();
      const issued = codes.issue({ accountId: account.id, clientId: app.appId, redirectUri, prefix: "AQ" });
      return consentPage({
        platform: "Instagram",
        app: "Surgedesk",
        account: `@${account.username}`,
        scopes: (q.get("scope") ?? "").split(",").filter(Boolean),
        allowUrl: withQuery(redirectUri, { code: issued.code, state }, "#_"),
        denyUrl: withQuery(redirectUri, { error: "access_denied", error_reason: "user_denied", error_description: "The user denied your request.", state }),
      });
    }),

    http.post(INSTAGRAM_TOKEN, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      if (form.get("client_id") !== app.appId) return oauthError("Invalid platform app", 101);
      if (form.get("client_secret") !== app.appSecret) return oauthError("Error validating client secret.", 101);
      if (form.get("grant_type") !== "authorization_code") return oauthError("Unsupported grant_type");
      const redeemed = codes.redeem(form.get("code") ?? "", app.appId);
      if (!redeemed.ok) return oauthError(redeemed.reason === "used" ? "This authorization code has been used" : "Invalid authorization code");
      if (redeemed.issued.redirectUri !== form.get("redirect_uri")) {
        return oauthError("Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request");
      }
      const token = `IGAA${randomBytes(24).toString("base64url")}`;
      shortLived.set(token, { accountId: redeemed.issued.accountId, expiresAt: new Date(world.now().getTime() + 3_600_000) });
      return HttpResponse.json({ data: [{ access_token: token, user_id: redeemed.issued.accountId, permissions: "instagram_business_basic,instagram_business_manage_comments,instagram_business_manage_messages" }] });
    }),

    http.get("https://graph.instagram.com/access_token", ({ request }) => {
      const q = new URL(request.url).searchParams;
      const graphError = (message: string, code: number) => HttpResponse.json({ error: { message, type: "OAuthException", code, fbtrace_id: randomBytes(8).toString("hex") } }, { status: 400 });
      if (q.get("grant_type") !== "ig_exchange_token") return graphError("Unsupported grant type", 100);
      if (q.get("client_secret") !== app.appSecret) return graphError("Error validating client secret.", 1);
      const short = shortLived.get(q.get("access_token") ?? "");
      if (!short || short.expiresAt.getTime() <= world.now().getTime()) return graphError("Invalid OAuth access token - Cannot parse access token", 190);
      shortLived.delete(q.get("access_token") ?? "");
      // A new long-lived token; the account's older one stops working, as after a reconnect.
      return HttpResponse.json({ access_token: world.renewToken(short.accountId), token_type: "bearer", expires_in: LONG_LIVED_SECONDS });
    }),
  ];
}
