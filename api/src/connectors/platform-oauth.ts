import type { Config } from "../config.ts";

/**
 * How a platform connects an account by OAuth's authorization-code flow: the page the admin is
 * sent to, and the server-side exchange of the code it comes back with. A connector without one
 * is connected with a pasted token only.
 */
export interface PlatformOAuth {
  /** The platform's authorize page (without a query): demo mode serves its emulated twin. */
  authorizeEndpoint: string;
  /** Every origin the exchange and refresh call, so demo mode and tests can answer them in-process. */
  apiOrigins(config: Config): string[];
  /**
   * The settings this platform's "Connect" needs and lacks, by their environment names (empty
   * when it is ready), so the console can say what to set instead of failing.
   */
  missingSettings(config: Config): string[];
  /** The platform's authorize URL for this attempt: the admin's browser goes there. */
  authorizeUrl(input: { config: Config; state: string; redirectUri: string }): string;
  /** Trades the code for tokens and names the account they are for. Throws `OAuthExchangeError`. */
  exchangeCode(input: { config: Config; code: string; redirectUri: string; fetch: OAuthFetch; now: Date }): Promise<OAuthGrant>;
  /** Renews the access token before it expires, where the platform issues refresh tokens. */
  refresh?(input: { config: Config; refreshToken: string; fetch: OAuthFetch; now: Date }): Promise<OAuthTokens>;
}

/** The fetch token requests go through: the services' checked outbound fetch. */
export type OAuthFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface OAuthTokens {
  accessToken: string;
  accessTokenExpiresAt: Date | null;
  /** Absent where the platform has none (Instagram renews its long-lived token itself). */
  refreshToken: string | null;
  refreshTokenExpiresAt: Date | null;
}

export interface OAuthGrant extends OAuthTokens {
  /** The platform's id for the account: what webhooks and polls name it by. */
  externalAccountId: string;
  handle: string | null;
  /** Ids the API needs beside the token (TikTok's business_id, TikTok Shop's shop_cipher). */
  platformParams?: Record<string, string>;
}

/**
 * Why an exchange failed, in words an admin reads on the settings page:
 * - `invalid_code`: the code was unknown, expired or already used — start again;
 * - `rejected`: the platform refused our app (credentials, redirect URI, permissions);
 * - `unavailable`: the platform could not be reached or answered with an error page.
 */
export class OAuthExchangeError extends Error {
  constructor(
    readonly kind: "invalid_code" | "rejected" | "unavailable",
    message: string,
  ) {
    super(message);
    this.name = "OAuthExchangeError";
  }
}

/** Reads a JSON body, or says in words that the platform did not answer with one. */
export async function readJson(response: Response, platform: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new OAuthExchangeError("unavailable", `${platform} answered with something other than JSON (HTTP ${response.status}); try again shortly.`);
  }
}

/** Seconds from now as a date; null when the platform gave none. */
export function expiresIn(seconds: number | undefined | null, now: Date): Date | null {
  return typeof seconds === "number" && seconds > 0 ? new Date(now.getTime() + seconds * 1000) : null;
}
