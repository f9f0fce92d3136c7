import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Classification, FoundOrder, Platform } from "@surgedesk/shared";
import type { Database } from "../../db/client.ts";
import { connectedAccounts, contactOrderLinks, messages } from "../../db/schema/index.ts";
import { orderRefOf } from "../merge-orders.ts";

/** At most this many buyers' messages per order: "Reply to all" is for one late order, not a broadcast. */
export const WAITING_LIMIT = 100;

/**
 * The open inbound messages waiting on one order: from buyers linked to it (`contact_order_links`),
 * messages quoting its Shopify name or TikTok Shop order id, and the TikTok Shop buyer's own
 * customer-service conversation (its author is the order's buyer user id). Oldest first.
 */
export interface WaitingRow {
  messageId: string;
  platform: Platform;
  kind: string;
  authorHandle: string | null;
  text: string;
  createdAt: string;
  classification: Classification | null;
}

export async function waitingMessages(db: Database, workspaceId: string, order: FoundOrder): Promise<WaitingRow[]> {
  const linkWhere: SQL[] = [eq(contactOrderLinks.orderRef, orderRefOf(order))];
  if (order.shopifyName) linkWhere.push(eq(contactOrderLinks.shopifyName, order.shopifyName));
  if (order.tiktokOrderId) linkWhere.push(eq(contactOrderLinks.tiktokOrderId, order.tiktokOrderId));
  const linked = await db
    .select({ contactId: contactOrderLinks.contactId })
    .from(contactOrderLinks)
    .where(and(eq(contactOrderLinks.workspaceId, workspaceId), or(...linkWhere)));

  const about: SQL[] = [];
  if (linked.length > 0) about.push(inArray(messages.contactId, [...new Set(linked.map((l) => l.contactId))]));
  if (order.shopifyName) about.push(sql`(${messages.classification} -> 'entities' -> 'orderNumbers') @> ${JSON.stringify([order.shopifyName.toUpperCase()])}::jsonb`);
  if (order.tiktokOrderId) about.push(sql`(${messages.classification} -> 'entities' -> 'tiktokOrderIds') @> ${JSON.stringify([order.tiktokOrderId])}::jsonb`);
  if (order.system === "tiktok_shop" && order.buyerUserId) {
    const shopAccounts = db
      .select({ id: connectedAccounts.id })
      .from(connectedAccounts)
      .where(and(eq(connectedAccounts.workspaceId, workspaceId), eq(connectedAccounts.channel, "tiktok_shop")));
    about.push(and(eq(messages.kind, "dm"), eq(messages.authorExternalId, order.buyerUserId), inArray(messages.accountId, shopAccounts)) as SQL);
  }
  if (about.length === 0) return [];
  const rows = await db
    .select({
      messageId: messages.id,
      platform: messages.platform,
      kind: messages.kind,
      authorHandle: messages.authorHandle,
      text: messages.text,
      createdAt: messages.createdAt,
      threadKey: messages.threadKey,
      classification: messages.classification,
    })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.direction, "inbound"), eq(messages.status, "open"), or(...about)))
    .orderBy(asc(messages.createdAt))
    .limit(WAITING_LIMIT);
  // One reply per conversation: a buyer who wrote three DMs gets one answer, to their latest.
  const latestPerThread = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latestPerThread.set(row.threadKey, row);
  return [...latestPerThread.values()].map(({ threadKey: _thread, createdAt, ...rest }) => ({ ...rest, createdAt: createdAt.toISOString() }));
}
