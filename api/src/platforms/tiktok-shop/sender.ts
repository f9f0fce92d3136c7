import { PlatformApiError, type PlatformSender, type SenderInput } from "../../connectors/contract.ts";
import { createShopClient, textMessage } from "./shop-client.ts";

/** TikTok Shop customer-service chat: a text message in the buyer's conversation. */
export function tiktokShopSender(input: SenderInput): PlatformSender {
  const { config, account, row } = input;
  const { shopAppKey, shopAppSecret } = config.tiktok;
  return {
    async send() {
      if (!shopAppKey || !shopAppSecret) throw new PlatformApiError("rejected", "TIKTOK_SHOP_APP_KEY and TIKTOK_SHOP_APP_SECRET must be set to send TikTok Shop messages.");
      const client = createShopClient({
        baseUrl: config.apiUrls.tiktokShop,
        appKey: shopAppKey,
        appSecret: shopAppSecret,
        accessToken: input.token,
        shopCipher: account.platformParams?.shop_cipher ?? null,
        ...(input.fetch && { fetch: input.fetch }),
      });
      return { externalId: (await client.sendMessage(row.target.conversationId!, textMessage(row.text))).messageId };
    },
    // The buyer would see a second copy; without a reliable read-back, a person decides.
    findExisting: async () => "unknown",
    alreadyDelivered: () => false,
  };
}
