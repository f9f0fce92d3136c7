import { and, eq } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { connectedAccounts, syncCursors } from "../db/schema/index.ts";
import type { AccountChannel } from "../connectors/contract.ts";
import { newId } from "../lib/ids.ts";
import { shippedConnectors, type ConnectorRegistry } from "../connectors/registry.ts";
import { sealAccessToken } from "./account-token.ts";
import { ApiError } from "../errors/api-error.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { ConnectedAccount } from "../db/types.ts";

/** What the audit log keeps of an account: never its token, only whether it has one. */
function auditView(account: ConnectedAccount) {
  return {
    channel: account.channel,
    externalAccountId: account.externalAccountId,
    handle: account.handle,
    status: account.status,
    hasAccessToken: account.accessTokenEncrypted !== null,
    tokenExpiresAt: account.tokenExpiresAt?.toISOString() ?? null,
    hasRefreshToken: account.refreshTokenEncrypted !== null,
  };
}

export interface ConnectAccountInput {
  workspaceId: string;
  channel: AccountChannel;
  externalAccountId: string;
  handle?: string | null | undefined;
  accessToken?: string | undefined;
  tokenExpiresAt?: Date | null | undefined;
  platformParams?: Record<string, string> | undefined;
  /** Where the platform issued one (TikTok, TikTok Shop): kept sealed, to renew the access token. */
  refreshToken?: string | null | undefined;
  refreshTokenExpiresAt?: Date | null | undefined;
  /** How it was connected, for the audit log: the platform's OAuth flow or a pasted token. */
  via?: "oauth" | "token";
  /** Who connected it, for the audit log; absent when the product itself does (demo, first start). */
  actorUserId?: string | null;
}

/**
 * Connects (or reconnects) a platform account: the token is sealed before it touches the
 * database, the account is active again, and its root polling resources are scheduled.
 * Which workspace owns a platform account is decided once, by its first connection: webhooks
 * route by the platform's account id, so connecting it from another workspace is refused (409)
 * and never moves the row, its token or its future deliveries. Audited, without the token.
 */
export async function connectAccount(db: Database, config: Config, input: ConnectAccountInput, connectors: ConnectorRegistry = shippedConnectors) {
  const connector = connectors.forChannel(input.channel);
  const sealed = input.accessToken ? sealAccessToken(config, input.accessToken) : null;
  const sealedRefresh = input.refreshToken ? sealAccessToken(config, input.refreshToken) : null;
  const values = {
    workspaceId: input.workspaceId,
    platform: connector.platform,
    channel: input.channel,
    externalAccountId: input.externalAccountId,
    handle: input.handle ?? null,
    status: "active" as const,
    attentionReason: null,
    // A new access token comes with its own refresh token, or none: an old one belongs to an older grant.
    ...(sealed && {
      accessTokenEncrypted: sealed,
      refreshTokenEncrypted: sealedRefresh,
      refreshTokenExpiresAt: sealedRefresh ? (input.refreshTokenExpiresAt ?? null) : null,
      tokenRefreshedAt: null,
      tokenRefreshLeaseUntil: null,
    }),
    tokenExpiresAt: input.tokenExpiresAt ?? null,
    platformParams: input.platformParams ?? null,
    throttledUntil: null,
  };
  const ownedElsewhere = () =>
    new ApiError("conflict", `This ${connector.label} account is connected to another Surgedesk workspace; disconnect it there before connecting it here.`);
  return db.transaction(async (tx) => {
    const samePlatformAccount = and(eq(connectedAccounts.channel, input.channel), eq(connectedAccounts.externalAccountId, input.externalAccountId));
    const [before] = await tx.select().from(connectedAccounts).where(samePlatformAccount).for("update");
    if (before && before.workspaceId !== input.workspaceId) {
      throw ownedElsewhere();
    }
    await tx
      .insert(connectedAccounts)
      .values({ id: newId("acct"), ...values })
      .onConflictDoUpdate({
        target: [connectedAccounts.channel, connectedAccounts.externalAccountId],
        set: values,
        // A connection racing ours from another workspace won the insert: leave its row alone.
        setWhere: eq(connectedAccounts.workspaceId, input.workspaceId),
      });
    const [account] = await tx.select().from(connectedAccounts).where(samePlatformAccount);
    if (!account) throw new Error("connected account vanished after upsert");
    if (account.workspaceId !== input.workspaceId) {
      throw ownedElsewhere();
    }
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId ?? null,
      action: before ? "account.reconnect" : "account.connect",
      entityType: "connected_account",
      entityId: account.id,
      before: before ? auditView(before) : null,
      after: { ...auditView(account), via: input.via ?? "token" },
    });
    if (account.accessTokenEncrypted) {
      for (const resource of connector.rootResources) {
        await tx
          .insert(syncCursors)
          .values({ id: newId("cursor"), accountId: account.id, resource, resourceId: "" })
          .onConflictDoNothing();
      }
    }
    return account;
  });
}
