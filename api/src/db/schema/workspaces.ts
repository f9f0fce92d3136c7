import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** A brand. Every account, post, message and user belongs to exactly one. */
export const workspaces = pgTable("workspaces", {
  id: text().primaryKey(),
  name: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
