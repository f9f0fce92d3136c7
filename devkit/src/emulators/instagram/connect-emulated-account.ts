import { connectAccount } from "@surgedesk/api/accounts/connect-account.ts";
import type { Config } from "@surgedesk/api/config.ts";
import type { Database } from "@surgedesk/api/db/client.ts";
import type { EmulatedAccount } from "./instagram-world.ts";

/**
 * Connects an emulated Instagram account to a workspace the way an admin would connect a real
 * one: its token sealed, its root polling resources scheduled. Used by tests and demo mode.
 */
export function connectEmulatedAccount(db: Database, config: Config, workspaceId: string, account: EmulatedAccount) {
  return connectAccount(db, config, {
    workspaceId,
    channel: "instagram",
    externalAccountId: account.id,
    handle: account.username,
    accessToken: account.token,
  });
}
