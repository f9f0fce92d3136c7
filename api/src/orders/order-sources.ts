import { and, eq, isNotNull } from "drizzle-orm";
import { ORDER_SYSTEM_NAMES } from "@surgedesk/shared";
import type { Config } from "../config.ts";
import type { OrderSource } from "../connectors/order-source.ts";
import type { ConnectorRegistry } from "../connectors/registry.ts";
import type { Database } from "../db/client.ts";
import { connectedAccounts } from "../db/schema/index.ts";
import { openAccessToken } from "../accounts/account-token.ts";
import { shopifyOrderSource } from "./shopify/shopify-order-source.ts";

/** An order system the lookup may ask, with the name an agent reads ("Shopify", "TikTok Shop @glowbar"). */
export interface NamedOrderSource {
  name: string;
  source: OrderSource;
  /** The connected account it belongs to (a platform's shop), whose call budgets it spends; none for the configured Shopify store. */
  accountId?: string;
}

/**
 * Every order system connected to the workspace: the Shopify store from the configuration, and
 * each active account whose platform sells (its connector's `orders` capability: TikTok Shop).
 * An account whose token cannot be opened is left out rather than failing the whole lookup.
 */
export async function openOrderSources(input: {
  db: Database;
  config: Config;
  connectors: ConnectorRegistry;
  workspaceId: string;
}): Promise<NamedOrderSource[]> {
  const { db, config, connectors, workspaceId } = input;
  const sources: NamedOrderSource[] = [];
  const shopify = shopifyOrderSource(config);
  if (shopify) sources.push({ name: ORDER_SYSTEM_NAMES.shopify, source: shopify });
  const selling = connectors.all.filter((c) => c.orders);
  if (selling.length === 0) return sources;
  const accounts = await db
    .select()
    .from(connectedAccounts)
    .where(and(eq(connectedAccounts.workspaceId, workspaceId), eq(connectedAccounts.status, "active"), isNotNull(connectedAccounts.accessTokenEncrypted)));
  for (const account of accounts) {
    const connector = selling.find((c) => c.channel === account.channel);
    if (!connector?.orders || !account.accessTokenEncrypted) continue;
    let accessToken: string;
    try {
      accessToken = openAccessToken(config, account.accessTokenEncrypted);
    } catch {
      continue;
    }
    const source = connector.orders({ config, account, accessToken });
    const name = ORDER_SYSTEM_NAMES[source.system];
    sources.push({ name: account.handle ? `${name} (${account.handle})` : name, source, accountId: account.id });
  }
  return sources;
}
