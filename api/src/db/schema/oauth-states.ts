import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { ACCOUNT_CHANNELS } from "@surgedesk/shared";
import { users } from "./users.ts";
import { workspaces } from "./workspaces.ts";

/**
 * One "connect an account" attempt in flight: the OAuth `state` handed to the platform, bound to
 * the admin who started it and their workspace. Only the state's SHA-256 is stored (the value
 * travels through the browser and the platform), it expires after a few minutes, and it is
 * consumed once: the callback that uses it marks it, so a replayed redirect finds it used.
 */
export const oauthStates = pgTable(
  "oauth_states",
  {
    stateHash: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    userId: text()
      .notNull()
      .references(() => users.id),
    channel: text({ enum: ACCOUNT_CHANNELS }).notNull(),
    /** The redirect URI sent with the authorize request: the token exchange must repeat it exactly. */
    redirectUri: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("oauth_states_expires_idx").on(t.expiresAt)],
);
