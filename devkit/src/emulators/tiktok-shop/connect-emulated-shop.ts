import { connectAccount } from "@surgedesk/api/accounts/connect-account.ts";
import type { Config } from "@surgedesk/api/config.ts";
import type { Database } from "@surgedesk/api/db/client.ts";
import type { EmulatedShop } from "./emulated-shop.ts";

/** Connects an emulated shop as Surgedesk's TikTok Shop account: the shop id, its token and cipher. */
export function connectEmulatedShop(db: Database, config: Config, workspaceId: string, shop: EmulatedShop) {
  return connectAccount(db, config, {
    workspaceId,
    channel: "tiktok_shop",
    externalAccountId: shop.shopId,
    handle: shop.name,
    accessToken: shop.accessToken,
    platformParams: { shop_cipher: shop.cipher },
  });
}
