import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";
import { users } from "./users.ts";

/**
 * A workspace's first-response targets. No row means the defaults (12 h warning, 24 h breach):
 * buyers expect an answer within 12–24 hours.
 */
export const slaPolicies = pgTable("sla_policies", {
  workspaceId: text()
    .primaryKey()
    .references(() => workspaces.id),
  warningMinutes: integer().notNull(),
  breachMinutes: integer().notNull(),
  updatedByUserId: text().references(() => users.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
