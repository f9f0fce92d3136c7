import { connectAccount } from "../../accounts/connect-account.ts";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/client.ts";
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
