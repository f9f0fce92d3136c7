import { PlatformApiError, type PollContext } from "../../connectors/contract.ts";
import { createShopClient } from "./shop-client.ts";

/** The Partner API client a poll uses: the app's keys, the account's token and shop cipher. */
export function shopClientFor(context: Pick<PollContext, "config" | "accessToken" | "account">) {
  const { shopAppKey, shopAppSecret } = context.config.tiktok;
  if (!shopAppKey || !shopAppSecret) {
    // Not the account's fault: every TikTok Shop account is stuck until the app is configured.
    throw new PlatformApiError("rejected", "TIKTOK_SHOP_APP_KEY and TIKTOK_SHOP_APP_SECRET must be set to call the TikTok Shop API.");
  }
  return createShopClient({
    baseUrl: context.config.apiUrls.tiktokShop,
    appKey: shopAppKey,
    appSecret: shopAppSecret,
    accessToken: context.accessToken,
    shopCipher: context.account.platformParams?.shop_cipher ?? null,
  });
}
