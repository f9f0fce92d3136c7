import { z } from "zod";
import { OAuthExchangeError, expiresIn, readJson, type OAuthFetch, type PlatformOAuth } from "../../connectors/contract.ts";

/** Instagram API with Instagram Login: Business Login's authorization window. */
export const INSTAGRAM_AUTHORIZE_URL = "https://www.instagram.com/oauth/authorize";
/** Trades the code for a short-lived (one hour) Instagram User access token. */
export const INSTAGRAM_TOKEN_URL = "https://api.instagram.com/oauth/access_token";
/** What Surgedesk reads and does: comments (read, reply, hide) and DMs. */
export const INSTAGRAM_SCOPES = ["instagram_business_basic", "instagram_business_manage_comments", "instagram_business_manage_messages"];

// The token endpoint has answered both shapes: `{ data: [ … ] }` (current) and the fields alone.
const shortLivedSchema = z.union([
  z.object({ data: z.array(z.object({ access_token: z.string().min(1), user_id: z.union([z.string(), z.number()]) })).min(1) }),
  z.object({ access_token: z.string().min(1), user_id: z.union([z.string(), z.number()]) }),
]);
const oauthErrorSchema = z.object({ error_message: z.string().optional(), error_type: z.string().optional(), code: z.number().optional() });
const graphErrorSchema = z.object({ error: z.object({ message: z.string(), code: z.number().optional() }) });
const longLivedSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().optional() });
// `user_id` is the professional account's id: the one webhooks carry in `entry[].id`.
const profileSchema = z.object({ user_id: z.union([z.string(), z.number()]), username: z.string().optional() });

async function call(fetch: OAuthFetch, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch {
    throw new OAuthExchangeError("unavailable", "Instagram could not be reached; try again shortly.");
  }
}

function graphFailure(body: unknown, status: number, what: string): OAuthExchangeError {
  const parsed = graphErrorSchema.safeParse(body);
  if (status >= 500) return new OAuthExchangeError("unavailable", `Instagram failed while ${what} (HTTP ${status}); try again shortly.`);
  return new OAuthExchangeError("rejected", `Instagram refused ${what}${parsed.success ? `: ${parsed.data.error.message}` : ` (HTTP ${status})`}.`);
}

export const instagramOAuth: PlatformOAuth = {
  authorizeEndpoint: INSTAGRAM_AUTHORIZE_URL,
  apiOrigins: (config) => [new URL(INSTAGRAM_TOKEN_URL).origin, new URL(config.apiUrls.instagramGraph).origin],
  missingSettings: (config) => [
    ...(config.oauth.instagramAppId ? [] : ["INSTAGRAM_APP_ID"]),
    ...(config.instagram.appSecret ? [] : ["INSTAGRAM_APP_SECRET"]),
  ],

  authorizeUrl({ config, state, redirectUri }) {
    const url = new URL(INSTAGRAM_AUTHORIZE_URL);
    url.searchParams.set("client_id", config.oauth.instagramAppId ?? "");
    url.searchParams.set("redirect_uri", redirectUri);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("scope", INSTAGRAM_SCOPES.join(","));
    url.searchParams.set("state", state);
    return url.toString();
  },

  /** Code → short-lived token → long-lived token (60 days) → the professional account it is for. */
  async exchangeCode({ config, code, redirectUri, fetch, now }) {
    const form = new URLSearchParams({
      client_id: config.oauth.instagramAppId ?? "",
      client_secret: config.instagram.appSecret ?? "",
      grant_type: "authorization_code",
      redirect_uri: redirectUri,
      // Instagram appends `#_` to the redirect; a browser drops the fragment, a copy may not.
      code: code.replace(/#_$/, ""),
    });
    const shortResponse = await call(fetch, INSTAGRAM_TOKEN_URL, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
    const shortBody = await readJson(shortResponse, "Instagram");
    if (!shortResponse.ok) {
      if (shortResponse.status >= 500) throw new OAuthExchangeError("unavailable", `Instagram failed to issue a token (HTTP ${shortResponse.status}); try again shortly.`);
      const error = oauthErrorSchema.safeParse(shortBody);
      const message = error.success ? error.data.error_message : undefined;
      if (message && /code/i.test(message)) {
        throw new OAuthExchangeError("invalid_code", `Instagram did not accept the authorization (${message}): it was already used or has expired. Connect again.`);
      }
      throw new OAuthExchangeError("rejected", `Instagram refused to issue a token${message ? `: ${message}` : ` (HTTP ${shortResponse.status})`}.`);
    }
    const short = shortLivedSchema.safeParse(shortBody);
    if (!short.success) throw new OAuthExchangeError("unavailable", "Instagram's token answer was not in the expected shape.");
    const shortToken = "data" in short.data ? short.data.data[0]!.access_token : short.data.access_token;

    const graphOrigin = new URL(config.apiUrls.instagramGraph).origin;
    const longUrl = new URL(`${graphOrigin}/access_token`);
    longUrl.searchParams.set("grant_type", "ig_exchange_token");
    longUrl.searchParams.set("client_secret", config.instagram.appSecret ?? "");
    longUrl.searchParams.set("access_token", shortToken);
    const longResponse = await call(fetch, longUrl.toString(), { method: "GET" });
    const longBody = await readJson(longResponse, "Instagram");
    if (!longResponse.ok) throw graphFailure(longBody, longResponse.status, "a long-lived token");
    const long = longLivedSchema.safeParse(longBody);
    if (!long.success) throw new OAuthExchangeError("unavailable", "Instagram's long-lived token answer was not in the expected shape.");

    const profileUrl = new URL(`${config.apiUrls.instagramGraph}/me`);
    profileUrl.searchParams.set("fields", "user_id,username");
    const profileResponse = await call(fetch, profileUrl.toString(), { method: "GET", headers: { authorization: `Bearer ${long.data.access_token}` } });
    const profileBody = await readJson(profileResponse, "Instagram");
    if (!profileResponse.ok) throw graphFailure(profileBody, profileResponse.status, "to name the account");
    const profile = profileSchema.safeParse(profileBody);
    if (!profile.success) throw new OAuthExchangeError("unavailable", "Instagram's account answer was not in the expected shape.");

    return {
      externalAccountId: String(profile.data.user_id),
      handle: profile.data.username ?? null,
      accessToken: long.data.access_token,
      accessTokenExpiresAt: expiresIn(long.data.expires_in, now),
      refreshToken: null,
      refreshTokenExpiresAt: null,
    };
  },
};
