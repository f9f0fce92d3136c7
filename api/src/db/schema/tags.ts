import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { TAG_COLOURS, type SavedViewFilter } from "@surgedesk/shared";
import { workspaces } from "./workspaces.ts";
import { users } from "./users.ts";
import { messages } from "./messages.ts";

/** A workspace's free tags: name (unique ignoring case) and a colour name. */
export const tags = pgTable(
  "tags",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    name: text().notNull(),
    colour: text({ enum: TAG_COLOURS }).notNull().default("grey"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("tags_workspace_name_key").on(t.workspaceId, sql`lower(${t.name})`)],
);

/**
 * Which items carry which tags: a join table keyed by the item's id (a message today), so tags
 * move with items when conversations become the unit of triage. Deleting a tag or erasing a
 * message removes its rows.
 */
export const itemTags = pgTable(
  "item_tags",
  {
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    tagId: text()
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    workspaceId: text().notNull(),
    /** Who put it there; null when a moderation rule did. */
    addedByUserId: text().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.tagId] }),
    // "Items with this tag": the filter reads a tag's items from here, then the items by id.
    index("item_tags_tag_idx").on(t.tagId, t.messageId),
  ],
);

/** Named filters: personal (an owner) or shared with the workspace (no owner). */
export const savedViews = pgTable(
  "saved_views",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    /** Null: shared with the workspace. */
    ownerUserId: text().references(() => users.id),
    createdByUserId: text().references(() => users.id),
    name: text().notNull(),
    filter: jsonb().$type<SavedViewFilter>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("saved_views_workspace_idx").on(t.workspaceId, t.ownerUserId)],
);
