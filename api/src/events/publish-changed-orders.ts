import { and, eq, or } from "drizzle-orm";
import type { OrderChange } from "../connectors/contract.ts";
import type { Database } from "../db/client.ts";
import { connectedAccounts } from "../db/schema/index.ts";
import type { EventBus } from "./event-bus.ts";

/**
 * Tells the consoles of each order's workspace that it changed, once per order and batch. The
 * workspace is the connected account's; a change for an account nobody connected reaches no
 * console (there is nobody to show the order to). Runs after the batch committed, off the ingest
 * path: a failure loses a live update, never an event.
 */
export async function publishChangedOrders(db: Database, events: EventBus, changes: readonly OrderChange[]): Promise<void> {
  if (changes.length === 0) return;
  const accounts = new Map(changes.map((c) => [`${c.channel}\u0001${c.accountExternalId}`, c]));
  const rows = await db
    .select({ channel: connectedAccounts.channel, externalAccountId: connectedAccounts.externalAccountId, workspaceId: connectedAccounts.workspaceId })
    .from(connectedAccounts)
    .where(or(...[...accounts.values()].map((c) => and(eq(connectedAccounts.channel, c.channel), eq(connectedAccounts.externalAccountId, c.accountExternalId)))));
  const workspaceOf = new Map(rows.map((r) => [`${r.channel}\u0001${r.externalAccountId}`, r.workspaceId]));
  const seen = new Set<string>();
  for (const change of changes) {
    const workspaceId = workspaceOf.get(`${change.channel}\u0001${change.accountExternalId}`);
    const key = `${workspaceId}\u0001${change.system}\u0001${change.orderId}`;
    if (!workspaceId || seen.has(key)) continue;
    seen.add(key);
    events.publish({ type: "order", workspaceId, system: change.system, orderId: change.orderId });
  }
}
