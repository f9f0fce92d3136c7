import { boolean, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** A brand. Every account, post, message and user belongs to exactly one. */
export const workspaces = pgTable("workspaces", {
  id: text().primaryKey(),
  name: text().notNull(),
  /** Created by demo mode: the only kind of workspace demo mode agrees to start on. */
  demo: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
