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
