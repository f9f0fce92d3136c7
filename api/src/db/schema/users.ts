import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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
  // An email is unique within a workspace, not across them: whether an address is taken in
  // another brand's workspace is none of this one's business (and must not be learnable).
  (t) => [uniqueIndex("users_workspace_email_key").on(t.workspaceId, t.email), index("users_email_idx").on(t.email)],
);
