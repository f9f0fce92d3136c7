import { and, eq, isNotNull } from "drizzle-orm";
import { ORDER_SYSTEM_NAMES } from "@surgedesk/shared";
import type { Config } from "../../config.ts";
import type { ConnectorRegistry } from "../../connectors/registry.ts";
import type { Database } from "../../db/client.ts";
import { connectedAccounts } from "../../db/schema/index.ts";
import { openAccessToken } from "../../accounts/account-token.ts";
import { ApiError } from "../../errors/api-error.ts";
import type { AfterSaleDesk } from "../../connectors/after-sale-desk.ts";
import { createShopifyOrderActionClient, type ShopifyOrderActionClient } from "../shopify/order-action-client.ts";

type Account = typeof connectedAccounts.$inferSelect;

/** The configured Shopify store's action client; a 409 in words when no store is connected. */
export function shopifyActionClient(config: Config, fetchImpl?: typeof fetch): ShopifyOrderActionClient {
  const { shopDomain, adminToken, apiVersion } = config.shopify;
  if (!shopDomain || !adminToken) throw new ApiError("conflict", "No Shopify store is connected (SHOPIFY_SHOP_DOMAIN and SHOPIFY_ADMIN_TOKEN): Shopify orders cannot be changed from here.");
  return createShopifyOrderActionClient({ shopDomain, accessToken: adminToken, apiVersion, ...(fetchImpl && { fetch: fetchImpl }) });
}

/** The after-sale desk of one connected account, through its connector (TikTok Shop's `afterSales`). */
export function afterSaleDeskFor(config: Config, connectors: ConnectorRegistry, account: Account, fetchImpl?: typeof fetch): AfterSaleDesk {
  const connector = connectors.all.find((c) => c.channel === account.channel && c.afterSales);
  if (!connector?.afterSales) throw new ApiError("conflict", `${accountName(account)} cannot decide buyers' requests from here.`);
  if (!account.accessTokenEncrypted) throw new ApiError("conflict", `${accountName(account)} has no access token: reconnect it.`);
  return connector.afterSales({ config, account, accessToken: openAccessToken(config, account.accessTokenEncrypted), ...(fetchImpl && { fetch: fetchImpl }) });
}

export const accountName = (account: Pick<Account, "handle">) => (account.handle ? `${ORDER_SYSTEM_NAMES.tiktok_shop} (${account.handle})` : ORDER_SYSTEM_NAMES.tiktok_shop);

/** The workspace's active accounts whose shop takes decisions on buyers' requests (TikTok Shop). */
export async function sellingAccounts(db: Database, connectors: ConnectorRegistry, workspaceId: string): Promise<Account[]> {
  const selling = new Set(connectors.all.filter((c) => c.afterSales).map((c) => c.channel));
  if (selling.size === 0) return [];
  const accounts = await db
    .select()
    .from(connectedAccounts)
    .where(and(eq(connectedAccounts.workspaceId, workspaceId), eq(connectedAccounts.status, "active"), isNotNull(connectedAccounts.accessTokenEncrypted)));
  return accounts.filter((a) => selling.has(a.channel));
}
