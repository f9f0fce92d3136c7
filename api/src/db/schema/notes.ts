import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users.ts";

/**
 * The team's internal notes on an item: written by a user (with @mentions) or by Surgedesk
 * itself (author null), never sent to a platform.
 */
export const notes = pgTable(
  "notes",
  {
    id: text().primaryKey(),
    workspaceId: text().notNull(),
    messageId: text().notNull(),
    authorUserId: text().references(() => users.id),
    body: text().notNull(),
    mentionedUserIds: text().array().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notes_message_idx").on(t.messageId, t.createdAt),
    // "Mentions of me": the newest notes of a workspace, filtered by the mentioned user.
    index("notes_mentions_idx").using("gin", t.mentionedUserIds),
  ],
);
