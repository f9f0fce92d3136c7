import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";
import { users } from "./users.ts";
import { messages } from "./messages.ts";

/** One bulk change an agent made (on a selection or a whole filter), kept so it can be undone. */
export const bulkActions = pgTable(
  "bulk_actions",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    actorUserId: text().references(() => users.id),
    action: text().notNull(),
    /** What was asked: the change and the selection or filter it applied to. */
    request: jsonb().notNull(),
    changed: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp({ withTimezone: true }),
    undoneByUserId: text().references(() => users.id),
  },
  (t) => [index("bulk_actions_workspace_idx").on(t.workspaceId, t.createdAt.desc())],
);

/** Each message a bulk action changed, with the fields as they were, for undo. */
export const bulkActionItems = pgTable(
  "bulk_action_items",
  {
    bulkActionId: text()
      .notNull()
      .references(() => bulkActions.id, { onDelete: "cascade" }),
    messageId: text()
      .notNull()
      .references(() => messages.id),
    before: jsonb().$type<Record<string, unknown>>().notNull(),
    after: jsonb().$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.bulkActionId, t.messageId] })],
);
