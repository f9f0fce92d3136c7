import { boolean, numeric, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** A brand. Every account, post, message and user belongs to exactly one. */
export const workspaces = pgTable("workspaces", {
  id: text().primaryKey(),
  name: text().notNull(),
  /** Created by demo mode: the only kind of workspace demo mode agrees to start on. */
  demo: boolean().notNull().default(false),
  /**
   * Refunds above this amount (in the shop's currency) need an admin: a refund request or a
   * damage claim on an order above it raises the message's escalation. A decimal, like money.
   */
  refundApprovalOver: numeric({ precision: 12, scale: 2 }).notNull().default("100"),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
