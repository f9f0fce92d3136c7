import type { PollContext } from "../../connectors/contract.ts";
import { createTikTokBusinessClient, type TikTokBusinessClient } from "./business-client.ts";

/** The API's `business_id`: stored with the account, else its external id (both are its open id). */
export function businessIdOf(account: PollContext["account"]): string {
  return account.platformParams?.["business_id"] ?? account.externalAccountId;
}

/** A client for one poll, holding the decrypted token only as long as the poll runs. */
export function clientForPoll(context: PollContext): TikTokBusinessClient {
  return createTikTokBusinessClient({ baseUrl: context.config.apiUrls.tiktokBusiness, accessToken: context.accessToken });
}
