import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { BusinessCalendar, SlaPolicySet } from "@surgedesk/shared";
import { workspaces } from "./workspaces.ts";
import { users } from "./users.ts";

/**
 * A workspace's SLA policies (ordered, first match wins, then the default) and its business
 * calendar, each read and written whole and checked by its shared schema on the way in. No row,
 * or a null part, means the playbook's (PLAYBOOK_SLA_POLICIES, DEFAULT_BUSINESS_CALENDAR).
 */
export const slaSettings = pgTable("sla_settings", {
  workspaceId: text()
    .primaryKey()
    .references(() => workspaces.id),
  policies: jsonb().$type<SlaPolicySet>(),
  calendar: jsonb().$type<BusinessCalendar>(),
  updatedByUserId: text().references(() => users.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
