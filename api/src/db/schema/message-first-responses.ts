import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";
import { messages } from "./messages.ts";

/**
 * When a customer's message first got the brand's answer. Only the first counts for response
 * time and for leaving the backlog, so a second reply changes nothing.
 */
export const messageFirstResponses = pgTable("message_first_responses", {
  messageId: text()
    .primaryKey()
    .references(() => messages.id),
  workspaceId: text()
    .notNull()
    .references(() => workspaces.id),
  respondedAt: timestamp({ withTimezone: true }).notNull(),
  responseSeconds: integer().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
