import { pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { USER_ROLES } from "@surgedesk/shared";
import { workspaces } from "./workspaces.ts";

export { USER_ROLES };

export const users = pgTable(
  "users",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    email: text().notNull(),
    name: text().notNull(),
    role: text({ enum: USER_ROLES }).notNull().default("agent"),
    /** scrypt, see api/src/auth/password.ts; null for a user who cannot sign in with a password. */
    passwordHash: text(),
    /** A disabled user keeps their history but can neither sign in nor use a token. */
    disabledAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);
