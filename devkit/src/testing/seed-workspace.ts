import type { Database } from "@surgedesk/api/db/client.ts";
import { connectedAccounts, workspaces } from "@surgedesk/api/db/schema/index.ts";
import { newId } from "@surgedesk/api/lib/ids.ts";

let sequence = 0;

/** A workspace of its own with one connected account, for tests that need a second brand. */
export async function createWorkspaceWithAccount(db: Database, name: string) {
  const workspaceId = newId("ws");
  await db.insert(workspaces).values({ id: workspaceId, name });
  return { workspaceId, accountId: await createAccount(db, workspaceId) };
}

/** A connected Instagram account with a unique platform id (no token: nothing polls it). */
export async function createAccount(db: Database, workspaceId: string) {
  const accountId = newId("acct");
  await db.insert(connectedAccounts).values({
    id: accountId,
    workspaceId,
    platform: "instagram",
    channel: "instagram",
    externalAccountId: `1784${Date.now()}${(sequence += 1)}`,
  });
  return accountId;
}
