import type { Config } from "../config.ts";
import { instagramSender } from "./instagram-sender.ts";
import type { OutboxRowForSend, PlatformSender, SenderAccount } from "./platform-sender.ts";
import { tiktokSender } from "./tiktok-sender.ts";
import { tiktokShopSender } from "./tiktok-shop-sender.ts";

/** The platform sender for a row, by the channel its account is connected through. */
export function senderFor(input: { config: Config; account: SenderAccount; token: string; row: OutboxRowForSend; fetch?: typeof fetch }): PlatformSender {
  switch (input.account.channel) {
    case "instagram":
      return instagramSender(input);
    case "tiktok_business":
      return tiktokSender(input);
    case "tiktok_shop":
      return tiktokShopSender(input);
  }
}
