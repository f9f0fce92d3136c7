import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Failed sign-ins per key (an email, or an email and client address) in the current window,
 * shared by every process of the deployment. Keys are stored as SHA-256 only: the table says
 * nothing of who tried to sign in from where.
 */
export const loginThrottles = pgTable(
  "login_throttles",
  {
    keyHash: text().primaryKey(),
    failures: integer().notNull(),
    windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("login_throttles_window_idx").on(t.windowStartedAt)],
);
