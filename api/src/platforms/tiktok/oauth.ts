import { z } from "zod";
import { OAuthExchangeError, expiresIn, readJson, type Config, type OAuthFetch, type OAuthTokens, type PlatformOAuth } from "../../connectors/contract.ts";

/** TikTok's authorization page for business accounts (Login Kit, web). */
export const TIKTOK_AUTHORIZE_URL = "https://www.tiktok.com/v2/auth/authorize/";
/** What Surgedesk reads and does: the account, its videos, their comments (read, reply, hide). */
export const TIKTOK_SCOPES = ["user.info.basic", "user.info.username", "video.list", "comment.list", "comment.list.manage"];

// API for Business envelope: HTTP 200 is not success, `code === 0` is.
const envelopeSchema = z.object({ code: z.number(), message: z.string().optional(), data: z.unknown().optional() });
const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().optional(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().optional(),
  open_id: z.string().min(1).optional(),
});
const businessSchema = z.object({ username: z.string().optional(), display_name: z.string().optional() });

async function post(fetch: OAuthFetch, url: string, body: Record<string, string>): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
  } catch {
    throw new OAuthExchangeError("unavailable", "TikTok could not be reached; try again shortly.");
  }
  if (response.status >= 500) throw new OAuthExchangeError("unavailable", `TikTok failed to answer (HTTP ${response.status}); try again shortly.`);
  return readJson(response, "TikTok");
}

/** The data of a successful envelope, or the refusal in words. */
function tokensFrom(body: unknown, what: "authorization" | "refresh token"): z.infer<typeof tokenSchema> {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) throw new OAuthExchangeError("unavailable", "TikTok's token answer was not in the expected shape.");
  if (envelope.data.code !== 0) {
    const message = (envelope.data.message ?? `code ${envelope.data.code}`).slice(0, 300);
    if (/auth_code|authorization code|refresh_token|expired|used/i.test(message)) {
      throw new OAuthExchangeError(
        "invalid_code",
        what === "authorization"
          ? `TikTok did not accept the authorization (${message}): it was already used or has expired. Connect again.`
          : `TikTok did not accept the refresh token (${message}): reconnect the account.`,
      );
    }
    throw new OAuthExchangeError("rejected", `TikTok refused to issue a token: ${message}.`);
  }
  const tokens = tokenSchema.safeParse(envelope.data.data);
  if (!tokens.success) throw new OAuthExchangeError("unavailable", "TikTok's token answer was not in the expected shape.");
  return tokens.data;
}

function asTokens(data: z.infer<typeof tokenSchema>, now: Date, previousRefreshToken?: string): OAuthTokens {
  return {
    accessToken: data.access_token,
    accessTokenExpiresAt: expiresIn(data.expires_in, now),
    refreshToken: data.refresh_token ?? previousRefreshToken ?? null,
    refreshTokenExpiresAt: expiresIn(data.refresh_token_expires_in, now),
  };
}

const appCredentials = (config: Config) => ({ client_id: config.oauth.tiktokClientKey ?? "", client_secret: config.tiktok.clientSecret ?? "" });

/** TikTok API for Business (business accounts): auth_code → access token (a day) + refresh token (a year). */
export const tiktokOAuth: PlatformOAuth = {
  authorizeEndpoint: TIKTOK_AUTHORIZE_URL,
  apiOrigins: (config) => [new URL(config.apiUrls.tiktokBusiness).origin],
  missingSettings: (config) => [
    ...(config.oauth.tiktokClientKey ? [] : ["TIKTOK_CLIENT_KEY"]),
    ...(config.tiktok.clientSecret ? [] : ["TIKTOK_CLIENT_SECRET"]),
  ],

  authorizeUrl({ config, state, redirectUri }) {
    const url = new URL(TIKTOK_AUTHORIZE_URL);
    url.searchParams.set("client_key", config.oauth.tiktokClientKey ?? "");
    url.searchParams.set("scope", TIKTOK_SCOPES.join(","));
    url.searchParams.set("response_type", "code");
    url.searchParams.set("redirect_uri", redirectUri);
    url.searchParams.set("state", state);
    return url.toString();
  },

  async exchangeCode({ config, code, redirectUri, fetch, now }) {
    const body = await post(fetch, `${config.apiUrls.tiktokBusiness}/tt_user/oauth2/token/`, {
      ...appCredentials(config),
      grant_type: "authorization_code",
      auth_code: code,
      redirect_uri: redirectUri,
    });
    const data = tokensFrom(body, "authorization");
    if (!data.open_id) throw new OAuthExchangeError("unavailable", "TikTok's token answer did not name the account.");
    return { ...asTokens(data, now), externalAccountId: data.open_id, handle: await usernameOf(config, fetch, data.open_id, data.access_token), platformParams: { business_id: data.open_id } };
  },

  async refresh({ config, refreshToken, fetch, now }) {
    const body = await post(fetch, `${config.apiUrls.tiktokBusiness}/tt_user/oauth2/refresh_token/`, {
      ...appCredentials(config),
      grant_type: "refresh_token",
      refresh_token: refreshToken,
    });
    return asTokens(tokensFrom(body, "refresh token"), now, refreshToken);
  },
};

/** The account's @username, for the settings page; the connection stands without it. */
async function usernameOf(config: Config, fetch: OAuthFetch, businessId: string, accessToken: string): Promise<string | null> {
  const url = new URL(`${config.apiUrls.tiktokBusiness}/business/get/`);
  url.searchParams.set("business_id", businessId);
  url.searchParams.set("fields", JSON.stringify(["username", "display_name"]));
  try {
    const response = await fetch(url.toString(), { method: "GET", headers: { "Access-Token": accessToken }, signal: AbortSignal.timeout(10_000) });
    const envelope = envelopeSchema.safeParse(await response.json());
    if (!envelope.success || envelope.data.code !== 0) return null;
    const business = businessSchema.safeParse(envelope.data.data);
    return business.success ? (business.data.username ?? business.data.display_name ?? null) : null;
  } catch {
    return null;
  }
}
