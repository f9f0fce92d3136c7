import { z } from "zod";

/** The platform product an account is connected through: TikTok's three APIs are separate. */
export const ACCOUNT_CHANNELS = ["instagram", "tiktok_business", "tiktok_shop"] as const;
export const accountChannelSchema = z.enum(ACCOUNT_CHANNELS);
export type AccountChannel = z.infer<typeof accountChannelSchema>;

export const ACCOUNT_STATUSES = ["active", "needs_attention", "disconnected"] as const;

/** A connected account as the API shows it: never the token itself. */
export const connectedAccountSchema = z.object({
  id: z.string(),
  channel: accountChannelSchema,
  externalAccountId: z.string(),
  handle: z.string().nullable(),
  status: z.enum(ACCOUNT_STATUSES),
  attentionReason: z.string().nullable(),
  hasAccessToken: z.boolean(),
  tokenExpiresAt: z.string().datetime().nullable(),
  throttledUntil: z.string().datetime().nullable(),
  lastError: z.string().nullable(),
  /** Whether the platform issued a refresh token: the access token is then renewed before it expires. */
  tokenRefreshable: z.boolean(),
  tokenRefreshedAt: z.string().datetime().nullable(),
  /** The newest signed delivery stored for the account (recorded at most every few seconds). */
  lastWebhookAt: z.string().datetime().nullable(),
  /** The newest poll of any of its resources. */
  lastPolledAt: z.string().datetime().nullable(),
}).meta({ id: "ConnectedAccount" });
export type ConnectedAccountView = z.infer<typeof connectedAccountSchema>;

/** `POST /api/accounts`: connect an account, or reconnect it with a fresh token. */
export const connectAccountRequestSchema = z.object({
  channel: accountChannelSchema,
  externalAccountId: z.string().min(1).max(100),
  handle: z.string().max(100).optional(),
  accessToken: z.string().min(1).max(4000).optional(),
  tokenExpiresAt: z.string().datetime().optional(),
  /** `business_id` (TikTok Business), `shop_cipher` (TikTok Shop). */
  platformParams: z.record(z.string().max(50), z.string().max(500)).optional(),
});
export type ConnectAccountRequest = z.infer<typeof connectAccountRequestSchema>;

/** Whether "Connect <platform>" can run here, and if not, which settings the server lacks. */
export const oauthAvailabilitySchema = z.object({
  channel: accountChannelSchema,
  ready: z.boolean(),
  /** Environment variables to set on the server, by name; empty when ready. */
  missing: z.array(z.string()),
}).meta({ id: "OAuthAvailability" });
export type OAuthAvailability = z.infer<typeof oauthAvailabilitySchema>;

/** `POST /api/accounts/oauth/:channel/start`: where to send the admin's browser. */
export const oauthStartSchema = z.object({ authorizeUrl: z.string() }).meta({ id: "OAuthStart" });

/**
 * How an OAuth connection ended, as the callback's redirect back to Settings names it
 * (`?oauth=<outcome>&channel=<channel>`); the console says each in words. Codes rather than
 * sentences in the URL, so no one can put words of their own on the settings page with a link.
 */
export const OAUTH_OUTCOMES = [
  "connected",
  "denied",
  "state_unknown",
  "state_expired",
  "state_used",
  "state_other_user",
  "code_missing",
  "code_invalid",
  "platform_refused",
  "platform_unavailable",
  "owned_elsewhere",
  "not_configured",
  "signed_out",
] as const;
export type OAuthOutcome = (typeof OAUTH_OUTCOMES)[number];
