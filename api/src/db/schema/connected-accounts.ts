import { jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { ACCOUNT_CHANNELS, ACCOUNT_STATUSES, PLATFORMS } from "@surgedesk/shared";
import { workspaces } from "./workspaces.ts";

export { ACCOUNT_CHANNELS, ACCOUNT_STATUSES };

/** A brand's Instagram professional or TikTok business account. */
export const connectedAccounts = pgTable(
  "connected_accounts",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    platform: text({ enum: PLATFORMS }).notNull(),
    externalAccountId: text().notNull(),
    channel: text({ enum: ACCOUNT_CHANNELS }).notNull().default("instagram"),
    handle: text(),
    status: text({ enum: ACCOUNT_STATUSES }).notNull().default("active"),
    /** Why an admin must look (expired token, unknown account); null when all is well. */
    attentionReason: text(),
    /** AES-256-GCM with ENCRYPTION_KEY; never returned by the API or logged. */
    accessTokenEncrypted: text(),
    tokenExpiresAt: timestamp({ withTimezone: true }),
    /** Where the platform issues refresh tokens (TikTok, TikTok Shop): sealed like the access token. */
    refreshTokenEncrypted: text(),
    refreshTokenExpiresAt: timestamp({ withTimezone: true }),
    /** The last time the access token was renewed with the refresh token. */
    tokenRefreshedAt: timestamp({ withTimezone: true }),
    /** A refresh in flight claims the account until then, so two processes never spend one refresh token. */
    tokenRefreshLeaseUntil: timestamp({ withTimezone: true }),
    /** TikTok Shop's shop_cipher, TikTok's business_id: ids the APIs need beside the token. */
    platformParams: jsonb().$type<Record<string, string>>(),
    /** Set while the platform is throttling this account; polling waits until then. */
    throttledUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    lastErrorAt: timestamp({ withTimezone: true }),
    /** The newest signed delivery stored for this account, written at most every few seconds. */
    lastWebhookAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // A platform account can be connected to one workspace only: webhooks route by this id.
  (t) => [uniqueIndex("connected_accounts_channel_external_key").on(t.channel, t.externalAccountId)],
);
