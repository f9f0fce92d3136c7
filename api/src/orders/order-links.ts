import { and, desc, eq, sql } from "drizzle-orm";
import type { FoundOrder } from "@surgedesk/shared";
import type { Database } from "../db/client.ts";
import { contactOrderLinks } from "../db/schema/index.ts";
import { newId } from "../lib/ids.ts";
import { orderRefOf } from "./merge-orders.ts";

export interface LinkedOrder {
  order: FoundOrder;
  foundBy: string;
}

const trackingNumbersOf = (order: FoundOrder) => [...new Set(order.shipments.flatMap((s) => (s.trackingNumber ? [s.trackingNumber] : [])))];

/** The orders linked to a contact, newest order first. */
export async function linkedOrders(db: Database, workspaceId: string, contactId: string): Promise<LinkedOrder[]> {
  const rows = await db
    .select({ order: contactOrderLinks.order, foundBy: contactOrderLinks.foundBy })
    .from(contactOrderLinks)
    .where(and(eq(contactOrderLinks.workspaceId, workspaceId), eq(contactOrderLinks.contactId, contactId)))
    .orderBy(desc(contactOrderLinks.orderCreatedAt))
    .limit(20);
  return rows;
}

/**
 * The workspace's known orders carrying a tracking number. Shopify's order search has no
 * tracking-number filter, so a tracking number finds only orders Surgedesk has already seen.
 */
export async function ordersByTracking(db: Database, workspaceId: string, trackingNumber: string): Promise<FoundOrder[]> {
  const rows = await db
    .select({ order: contactOrderLinks.order })
    .from(contactOrderLinks)
    .where(and(eq(contactOrderLinks.workspaceId, workspaceId), sql`${trackingNumber} = ANY(${contactOrderLinks.trackingNumbers})`))
    .orderBy(desc(contactOrderLinks.updatedAt))
    .limit(5);
  return rows.map((r) => r.order);
}

/** Links a contact to orders found for them (again: the latest copy of each order is kept). */
export async function linkOrders(db: Database, input: { workspaceId: string; contactId: string; orders: readonly FoundOrder[]; foundBy: string }): Promise<void> {
  if (input.orders.length === 0) return;
  const now = new Date();
  const rows = input.orders.map((order) => ({
    id: newId("olink"),
    workspaceId: input.workspaceId,
    contactId: input.contactId,
    orderRef: orderRefOf(order),
    shopifyName: order.shopifyName,
    tiktokOrderId: order.tiktokOrderId,
    trackingNumbers: trackingNumbersOf(order),
    order,
    foundBy: input.foundBy,
    orderCreatedAt: order.createdAt ? new Date(order.createdAt) : null,
    updatedAt: now,
  }));
  // One statement per order: two copies of one order in a batch would collide on the key.
  for (const row of new Map(rows.map((r) => [r.orderRef, r])).values()) {
    await db
      .insert(contactOrderLinks)
      .values(row)
      .onConflictDoUpdate({
        target: [contactOrderLinks.workspaceId, contactOrderLinks.contactId, contactOrderLinks.orderRef],
        set: { order: row.order, trackingNumbers: row.trackingNumbers, shopifyName: row.shopifyName, tiktokOrderId: row.tiktokOrderId, orderCreatedAt: row.orderCreatedAt, updatedAt: now },
      });
  }
}
