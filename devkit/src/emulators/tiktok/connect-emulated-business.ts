import { connectAccount } from "@surgedesk/api/accounts/connect-account.ts";
import type { Config } from "@surgedesk/api/config.ts";
import type { Database } from "@surgedesk/api/db/client.ts";
import type { EmulatedBusiness } from "./business-world.ts";

/**
 * Connects an emulated TikTok business account to a workspace the way an admin would connect a
 * real one (the twin of Instagram's connectEmulatedAccount). Used by tests, the simulator and
 * demo mode.
 */
export function connectEmulatedBusiness(db: Database, config: Config, workspaceId: string, business: EmulatedBusiness) {
  return connectAccount(db, config, {
    workspaceId,
    channel: "tiktok_business",
    externalAccountId: business.businessId,
    handle: business.username,
    accessToken: business.accessToken,
    platformParams: { business_id: business.businessId },
  });
}
