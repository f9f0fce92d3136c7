import type { Config } from "../config.ts";
import type { connectedAccounts } from "../db/schema/index.ts";
import { openAccessToken } from "../accounts/account-token.ts";
import { createGraphClient } from "../platforms/instagram/graph-client.ts";
import { createTikTokBusinessClient } from "../platforms/tiktok/business-client.ts";

type Account = Pick<typeof connectedAccounts.$inferSelect, "channel" | "externalAccountId" | "platformParams" | "accessTokenEncrypted" | "status">;

export interface HideTarget {
  /** The comment's platform id. */
  externalId: string;
  /** The video or media it is on: TikTok needs it to find the comment. */
  postExternalId: string | null;
  account: Account;
}

/**
 * Hides one comment on its platform with its account's token, opened for this call only.
 * Throws a PlatformApiError (or an Error saying why it cannot be tried) when it fails.
 */
export async function hideOnPlatform(config: Config, target: HideTarget): Promise<void> {
  const { account } = target;
  if (!account.accessTokenEncrypted || account.status === "disconnected") {
    throw new Error("The account is not connected: reconnect it to hide comments.");
  }
  const accessToken = openAccessToken(config, account.accessTokenEncrypted);
  switch (account.channel) {
    case "instagram":
      await createGraphClient({ baseUrl: config.apiUrls.instagramGraph, accessToken }).setHidden(target.externalId, true);
      return;
    case "tiktok_business": {
      if (!target.postExternalId) throw new Error("The video this comment is on is unknown, so TikTok cannot find it.");
      await createTikTokBusinessClient({ baseUrl: config.apiUrls.tiktokBusiness, accessToken }).hideComment({
        businessId: account.platformParams?.["business_id"] ?? account.externalAccountId,
        videoId: target.postExternalId,
        commentId: target.externalId,
        action: "HIDE",
      });
      return;
    }
    case "tiktok_shop":
      throw new Error("TikTok Shop messages are private conversations; there is nothing to hide.");
  }
}
