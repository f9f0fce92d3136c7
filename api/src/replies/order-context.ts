import type { OrderContext } from "@surgedesk/shared";
import type { Config } from "../config.ts";
import type { ConnectorRegistry } from "../connectors/registry.ts";
import type { Database } from "../db/client.ts";
import { buyerKeysOf } from "../orders/buyer-keys.ts";
import { orderKeysOf } from "../orders/order-keys.ts";
import { lookupOrder, type OrderLookupInput } from "../orders/order-lookup.ts";
import { openOrderSources, type NamedOrderSource } from "../orders/order-sources.ts";
import { raiseOrderEscalation } from "../orders/raise-order-escalation.ts";
import type { ReplyTarget } from "./reply-target.ts";

/**
 * The order a message is about, from every connected shop: by what the message quotes, by the
 * buyer's TikTok Shop account on a TikTok Shop conversation, else by the orders its contact was
 * linked to before, else by what the buyer quoted in their other messages. A shop that cannot be asked is reported as such, never as "no order".
 * An order found whose history is a risk (a repeat not-received claim, a damage claim without
 * photos on a high-value order, a refund above the workspace's threshold) raises the message's
 * escalation (`orders/raise-order-escalation.ts`).
 */
export async function orderContextFor(input: {
  db: Database;
  config: Config;
  connectors: ConnectorRegistry;
  workspaceId: string;
  target: ReplyTarget;
}): Promise<OrderContext> {
  const sources = await openOrderSources(input);
  const context = await lookupOrder(await orderLookupFor({ ...input, sources }));
  await raiseOrderEscalation(input.db, input.target.message, context);
  return context;
}

/**
 * What to ask the shops for a message: what it quotes, its buyer's TikTok Shop user id, its
 * contact's linked orders and what the buyer quoted elsewhere. Shared by the item view's lookup
 * and the background check after ingestion (`orders/checks/`), so both find the same order.
 */
export async function orderLookupFor(input: { db: Database; workspaceId: string; target: ReplyTarget; sources: readonly NamedOrderSource[] }): Promise<OrderLookupInput> {
  const { message, account } = input.target;
  // A TikTok Shop conversation's buyer is the platform user TikTok Shop's order search knows.
  const buyerUserId = account.channel === "tiktok_shop" && message.direction === "inbound" ? message.authorExternalId : null;
  return {
    db: input.db,
    workspaceId: input.workspaceId,
    sources: input.sources,
    keys: orderKeysOf(message.classification?.entities, buyerUserId),
    contactId: message.contactId,
    buyerKeys: await buyerKeysOf(input.db, message),
  };
}
