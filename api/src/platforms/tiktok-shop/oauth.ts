import { z } from "zod";
import { OAuthExchangeError, readJson, type Config, type OAuthFetch, type OAuthTokens, type PlatformOAuth } from "../../connectors/contract.ts";
import { signShopRequest } from "./request-signing.ts";

/** Partner Center's authorization page for a service (the seller picks the shop and agrees). */
export const TIKTOK_SHOP_AUTHORIZE_URL = "https://services.tiktokshop.com/open/authorize";
/** The auth host: `token/get` trades the code, `token/refresh` renews the access token. */
export const TIKTOK_SHOP_AUTH_URL = "https://auth.tiktok-shops.com/api/v2/token";
const AUTHORIZED_SHOPS_PATH = "/authorization/202309/shops";

const envelopeSchema = z.object({ code: z.number(), message: z.string().optional(), data: z.unknown().optional() });
// Expiry fields are Unix times in seconds, not durations.
const tokenSchema = z.object({
  access_token: z.string().min(1),
  access_token_expire_in: z.number().optional(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expire_in: z.number().optional(),
  seller_name: z.string().optional(),
});
const shopsSchema = z.object({
  shops: z.array(z.object({ id: z.string().min(1), name: z.string().optional(), cipher: z.string().min(1), region: z.string().optional() })),
});

const unixTime = (seconds: number | undefined) => (typeof seconds === "number" && seconds > 0 ? new Date(seconds * 1000) : null);

async function get(fetch: OAuthFetch, url: URL, headers: Record<string, string> = {}): Promise<z.infer<typeof envelopeSchema>> {
  let response: Response;
  try {
    response = await fetch(url.toString(), { method: "GET", headers, signal: AbortSignal.timeout(15_000) });
  } catch {
    throw new OAuthExchangeError("unavailable", "TikTok Shop could not be reached; try again shortly.");
  }
  if (response.status >= 500) throw new OAuthExchangeError("unavailable", `TikTok Shop failed to answer (HTTP ${response.status}); try again shortly.`);
  const envelope = envelopeSchema.safeParse(await readJson(response, "TikTok Shop"));
  if (!envelope.success) throw new OAuthExchangeError("unavailable", "TikTok Shop's answer was not in the expected shape.");
  return envelope.data;
}

function tokensOf(envelope: z.infer<typeof envelopeSchema>, what: "authorization" | "refresh token"): z.infer<typeof tokenSchema> {
  if (envelope.code !== 0) {
    const message = (envelope.message ?? `code ${envelope.code}`).slice(0, 300);
    if (/auth.?code|refresh.?token|expired|used|invalid/i.test(message)) {
      throw new OAuthExchangeError(
        "invalid_code",
        what === "authorization"
          ? `TikTok Shop did not accept the authorization (${message}): it was already used or has expired. Connect again.`
          : `TikTok Shop did not accept the refresh token (${message}): reconnect the shop.`,
      );
    }
    throw new OAuthExchangeError("rejected", `TikTok Shop refused to issue a token: ${message}.`);
  }
  const tokens = tokenSchema.safeParse(envelope.data);
  if (!tokens.success) throw new OAuthExchangeError("unavailable", "TikTok Shop's token answer was not in the expected shape.");
  return tokens.data;
}

const asTokens = (data: z.infer<typeof tokenSchema>, previousRefreshToken?: string): OAuthTokens => ({
  accessToken: data.access_token,
  accessTokenExpiresAt: unixTime(data.access_token_expire_in),
  refreshToken: data.refresh_token ?? previousRefreshToken ?? null,
  refreshTokenExpiresAt: unixTime(data.refresh_token_expire_in),
});

function authUrl(config: Config, action: "get" | "refresh", params: Record<string, string>): URL {
  const url = new URL(`${TIKTOK_SHOP_AUTH_URL}/${action}`);
  url.searchParams.set("app_key", config.tiktok.shopAppKey ?? "");
  url.searchParams.set("app_secret", config.tiktok.shopAppSecret ?? "");
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url;
}

/**
 * TikTok Shop Partner Center: auth code → access token + refresh token, then Get Authorized
 * Shops for the shop's id and cipher (every Partner API call names the shop by its cipher).
 * A seller who authorizes several shops at once connects the first one listed.
 */
export const tiktokShopOAuth: PlatformOAuth = {
  authorizeEndpoint: TIKTOK_SHOP_AUTHORIZE_URL,
  apiOrigins: (config) => [new URL(TIKTOK_SHOP_AUTH_URL).origin, new URL(config.apiUrls.tiktokShop).origin],
  missingSettings: (config) => [
    ...(config.oauth.tiktokShopServiceId ? [] : ["TIKTOK_SHOP_SERVICE_ID"]),
    ...(config.tiktok.shopAppKey ? [] : ["TIKTOK_SHOP_APP_KEY"]),
    ...(config.tiktok.shopAppSecret ? [] : ["TIKTOK_SHOP_APP_SECRET"]),
  ],

  authorizeUrl({ config, state, redirectUri }) {
    const url = new URL(TIKTOK_SHOP_AUTHORIZE_URL);
    url.searchParams.set("service_id", config.oauth.tiktokShopServiceId ?? "");
    url.searchParams.set("state", state);
    // Partner Center redirects to the URL registered with the service; this copy is for reference
    // (and for the emulator, which has no registration to read).
    url.searchParams.set("redirect_uri", redirectUri);
    return url.toString();
  },

  async exchangeCode({ config, code, fetch, now }) {
    const data = tokensOf(await get(fetch, authUrl(config, "get", { auth_code: code, grant_type: "authorized_code" })), "authorization");
    const query: Record<string, string> = { app_key: config.tiktok.shopAppKey ?? "", timestamp: String(Math.floor(now.getTime() / 1000)) };
    query.sign = signShopRequest({ path: AUTHORIZED_SHOPS_PATH, query }, config.tiktok.shopAppSecret ?? "");
    const shopsUrl = new URL(`${config.apiUrls.tiktokShop}${AUTHORIZED_SHOPS_PATH}`);
    for (const [key, value] of Object.entries(query)) shopsUrl.searchParams.set(key, value);
    const shops = await get(fetch, shopsUrl, { "x-tts-access-token": data.access_token, "content-type": "application/json" });
    if (shops.code !== 0) throw new OAuthExchangeError("rejected", `TikTok Shop did not list the authorized shops: ${(shops.message ?? `code ${shops.code}`).slice(0, 300)}.`);
    const listed = shopsSchema.safeParse(shops.data);
    const shop = listed.success ? listed.data.shops[0] : undefined;
    if (!shop) throw new OAuthExchangeError("rejected", "TikTok Shop authorized no shop: pick a shop on the authorization page.");
    return { ...asTokens(data), externalAccountId: shop.id, handle: shop.name ?? data.seller_name ?? null, platformParams: { shop_cipher: shop.cipher } };
  },

  async refresh({ config, refreshToken, fetch }) {
    const envelope = await get(fetch, authUrl(config, "refresh", { refresh_token: refreshToken, grant_type: "refresh_token" }));
    return asTokens(tokensOf(envelope, "refresh token"), refreshToken);
  },
};
