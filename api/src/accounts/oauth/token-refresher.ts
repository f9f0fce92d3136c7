import { and, eq, gt, isNotNull, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/client.ts";
import { connectedAccounts } from "../../db/schema/index.ts";
import type { ConnectorRegistry } from "../../connectors/registry.ts";
import { OAuthExchangeError, type OAuthFetch } from "../../connectors/platform-oauth.ts";
import { createBackgroundLoop, type BackgroundLoop } from "../../lib/background-loop.ts";
import type { Logger } from "../../lib/logger.ts";
import { describeError } from "../../lib/safe-error.ts";
import { openAccessToken, sealAccessToken } from "../account-token.ts";

/**
 * How long before its expiry an access token is renewed: TikTok's last a day and TikTok Shop's
 * a week, so six hours leaves room for a platform outage, a restart or a few failed attempts.
 */
export const REFRESH_AHEAD_MS = 6 * 3_600_000;
/** A refresh in flight holds the account this long; a process that dies mid-way frees it by then. */
const LEASE_MS = 2 * 60_000;
const BATCH = 20;

export interface RefreshPass {
  refreshed: number;
  /** The platform refused the refresh token: the account needs an admin to reconnect it. */
  refused: number;
  /** The platform could not be reached: tried again once the lease has passed. */
  postponed: number;
}

/**
 * Renews the access tokens that expire soon, where the platform issued a refresh token (TikTok,
 * TikTok Shop). Each account is claimed with a lease first: refresh tokens rotate, so two
 * processes spending the same one would leave one of them holding a dead token. A refused
 * refresh marks the account as needing attention, in words, and stops its polling until an admin
 * reconnects it; an account that needed attention for its token is active again after a refresh.
 */
export async function refreshDueTokens(input: {
  db: Database;
  config: Config;
  connectors: ConnectorRegistry;
  fetch: OAuthFetch;
  logger: Logger;
  now?: Date;
}): Promise<RefreshPass> {
  const { db, config, connectors, logger } = input;
  const now = input.now ?? new Date();
  const pass: RefreshPass = { refreshed: 0, refused: 0, postponed: 0 };
  if (!config.encryptionKey) return pass;
  const claimed = await db
    .update(connectedAccounts)
    .set({ tokenRefreshLeaseUntil: new Date(now.getTime() + LEASE_MS) })
    .where(
      sql`${connectedAccounts.id} in (
        select id from ${connectedAccounts}
        where ${and(
          isNotNull(connectedAccounts.refreshTokenEncrypted),
          ne(connectedAccounts.status, "disconnected"),
          lt(connectedAccounts.tokenExpiresAt, new Date(now.getTime() + REFRESH_AHEAD_MS)),
          or(isNull(connectedAccounts.refreshTokenExpiresAt), gt(connectedAccounts.refreshTokenExpiresAt, now)),
          or(isNull(connectedAccounts.tokenRefreshLeaseUntil), lt(connectedAccounts.tokenRefreshLeaseUntil, now)),
        )}
        order by ${connectedAccounts.tokenExpiresAt}
        limit ${BATCH}
        for update skip locked)`,
    )
    .returning();

  for (const account of claimed) {
    const connector = connectors.forChannel(account.channel);
    const oauth = connector.oauth;
    if (!oauth?.refresh || !account.refreshTokenEncrypted) continue;
    const lease = account.tokenRefreshLeaseUntil;
    // Only while this pass still holds the lease: a reconnect meanwhile cleared it and wins.
    const stillHeld = and(eq(connectedAccounts.id, account.id), lease ? eq(connectedAccounts.tokenRefreshLeaseUntil, lease) : sql`false`);
    try {
      const tokens = await oauth.refresh({ config, refreshToken: openAccessToken(config, account.refreshTokenEncrypted), fetch: input.fetch, now });
      await db
        .update(connectedAccounts)
        .set({
          accessTokenEncrypted: sealAccessToken(config, tokens.accessToken),
          tokenExpiresAt: tokens.accessTokenExpiresAt,
          ...(tokens.refreshToken && { refreshTokenEncrypted: sealAccessToken(config, tokens.refreshToken), refreshTokenExpiresAt: tokens.refreshTokenExpiresAt }),
          tokenRefreshedAt: now,
          tokenRefreshLeaseUntil: null,
          ...(account.status === "needs_attention" && { status: "active" as const, attentionReason: null }),
        })
        .where(stillHeld);
      pass.refreshed += 1;
    } catch (error) {
      if (error instanceof OAuthExchangeError && error.kind !== "unavailable") {
        await db
          .update(connectedAccounts)
          .set({
            status: "needs_attention",
            attentionReason: `the access token could not be renewed (${error.message}); reconnect the account`,
            lastError: error.message,
            lastErrorAt: now,
            tokenRefreshLeaseUntil: null,
            // Spent or revoked: asking again every minute would only be refused again.
            refreshTokenEncrypted: null,
            refreshTokenExpiresAt: null,
          })
          .where(stillHeld);
        pass.refused += 1;
      } else {
        // Kept leased: the next try comes when the lease runs out.
        const reason = error instanceof OAuthExchangeError ? error.message : "the token refresh failed";
        await db.update(connectedAccounts).set({ lastError: reason, lastErrorAt: now }).where(stillHeld);
        pass.postponed += 1;
      }
      logger.warn("access token not renewed", { accountId: account.id, channel: account.channel, error: describeError(error) });
    }
  }
  return pass;
}

export interface TokenRefresher extends Pick<BackgroundLoop, "start" | "stop"> {
  runOnce(now?: Date): Promise<RefreshPass>;
}

/** Every minute: renew the tokens that expire within REFRESH_AHEAD_MS. */
export function createTokenRefresher(deps: { db: Database; config: Config; connectors: ConnectorRegistry; fetch: OAuthFetch; logger: Logger; intervalMs?: number }): TokenRefresher {
  const runOnce = (now?: Date) => refreshDueTokens({ ...deps, ...(now && { now }) });
  const loop = createBackgroundLoop(
    async () => {
      const pass = await runOnce();
      if (pass.refreshed + pass.refused + pass.postponed > 0) deps.logger.info("access tokens renewed", { ...pass });
    },
    deps.intervalMs ?? 60_000,
    (error) => deps.logger.warn("token refresh pass failed", { error: describeError(error) }),
  );
  return { runOnce, start: () => loop.start(), stop: () => loop.stop() };
}
