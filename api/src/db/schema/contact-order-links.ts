import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { FoundOrder } from "@surgedesk/shared";

/**
 * A buyer's orders, once found: a contact is linked to the order a message of theirs found and to
 * the other orders of the same buyer, so their next message finds them without quoting anything,
 * and a tracking number (which Shopify's search cannot filter by) is answered from here. `order`
 * is the order as last seen (personal data: erased with the contact). No foreign keys, as with
 * the other rows ingestion's neighbours write (see architecture.md).
 */
export const contactOrderLinks = pgTable(
  "contact_order_links",
  {
    id: text().primaryKey(),
    workspaceId: text().notNull(),
    contactId: text().notNull(),
    /** `tiktok_shop:<order id>` when the order has one (a synced order too), else `shopify:<name>`. */
    orderRef: text().notNull(),
    shopifyName: text(),
    tiktokOrderId: text(),
    trackingNumbers: text().array().notNull().default([]),
    order: jsonb().$type<FoundOrder>().notNull(),
    /** How the link was made, in words ("by order number #1042"). */
    foundBy: text().notNull(),
    orderCreatedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contact_order_links_contact_order_key").on(t.workspaceId, t.contactId, t.orderRef),
    index("contact_order_links_ref_idx").on(t.workspaceId, t.orderRef),
  ],
);
