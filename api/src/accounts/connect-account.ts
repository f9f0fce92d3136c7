import { and, eq } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { connectedAccounts, syncCursors } from "../db/schema/index.ts";
import type { AccountChannel } from "../connectors/contract.ts";
import { newId } from "../lib/ids.ts";
import { shippedConnectors, type ConnectorRegistry } from "../connectors/registry.ts";
import { sealAccessToken } from "./account-token.ts";

export interface ConnectAccountInput {
  workspaceId: string;
  channel: AccountChannel;
  externalAccountId: string;
  handle?: string | null | undefined;
  accessToken?: string | undefined;
  tokenExpiresAt?: Date | null | undefined;
  platformParams?: Record<string, string> | undefined;
}

/**
 * Connects (or reconnects) a platform account: the token is sealed before it touches the
 * database, the account is active again, and its root polling resources are scheduled.
 */
export async function connectAccount(db: Database, config: Config, input: ConnectAccountInput, connectors: ConnectorRegistry = shippedConnectors) {
  const connector = connectors.forChannel(input.channel);
  const sealed = input.accessToken ? sealAccessToken(config, input.accessToken) : null;
  const values = {
    workspaceId: input.workspaceId,
    platform: connector.platform,
    channel: input.channel,
    externalAccountId: input.externalAccountId,
    handle: input.handle ?? null,
    status: "active" as const,
    attentionReason: null,
    ...(sealed && { accessTokenEncrypted: sealed }),
    tokenExpiresAt: input.tokenExpiresAt ?? null,
    platformParams: input.platformParams ?? null,
    throttledUntil: null,
  };
  return db.transaction(async (tx) => {
    await tx
      .insert(connectedAccounts)
      .values({ id: newId("acct"), ...values })
      .onConflictDoUpdate({ target: [connectedAccounts.channel, connectedAccounts.externalAccountId], set: values });
    const [account] = await tx
      .select()
      .from(connectedAccounts)
      .where(and(eq(connectedAccounts.channel, input.channel), eq(connectedAccounts.externalAccountId, input.externalAccountId)));
    if (!account) throw new Error("connected account vanished after upsert");
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
