import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Order-issue messages waiting for their order to be looked up in the background, so an order
 * history risk (a repeat not-received claim…) raises the escalation before anyone opens the item.
 * Written by ingestion in its batch's transaction (one row per message: a message is never looked
 * up twice by this queue), worked by `orders/checks/order-check-worker.ts`. `buyerKey` groups a
 * buyer's messages so one lookup answers a burst of them. No foreign keys, as with the other rows
 * ingestion's neighbours write (see architecture.md); a check whose message is gone is dropped.
 */
export const orderChecks = pgTable(
  "order_checks",
  {
    messageId: text().primaryKey(),
    workspaceId: text().notNull(),
    /** The buyer: their contact, else `<account id>:<author id>`. */
    buyerKey: text().notNull(),
    status: text({ enum: ["queued", "done", "dead"] }).notNull().default("queued"),
    /** When it falls due; a claim pushes it a lease ahead, so a check whose worker died is due again. */
    dueAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** What the lookup found (`found`, `not_found`, `no_reference`…) and which escalation rules fired. */
    outcome: text(),
    escalatedBy: text().array(),
    checkedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("order_checks_due_idx").on(t.status, t.dueAt)],
);
