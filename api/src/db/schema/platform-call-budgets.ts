import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { connectedAccounts } from "./connected-accounts.ts";

/**
 * Calls made to a rate-limited platform endpoint, per account and calendar minute, shared by
 * every process on the database (TikTok allows about 40 requests a minute per account on each
 * comment endpoint). A poll takes one call from its minute before it runs; a spent minute
 * defers the poll to the next. Old minutes are pruned by housekeeping.
 */
export const platformCallBudgets = pgTable(
  "platform_call_budgets",
  {
    accountId: text()
      .notNull()
      .references(() => connectedAccounts.id, { onDelete: "cascade" }),
    /** The endpoint as the poller names it, e.g. `tiktok.comment/list`. */
    endpoint: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    used: integer().notNull().default(0),
    /** The budget in force when the minute was used, for the status page. */
    perMinute: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.endpoint, t.windowStart] })],
);
