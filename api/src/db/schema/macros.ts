import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { MACRO_CHANNELS, MACRO_LANGUAGES, type Label } from "@surgedesk/shared";
import { workspaces } from "./workspaces.ts";

/** A reply template with `{{variables}}`, for the labels it serves, in one language and channel. */
export const macros = pgTable(
  "macros",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    /** The seeded library's stable name (`wismo.en`), so seeding again adds nothing twice. */
    key: text(),
    title: text().notNull(),
    body: text().notNull(),
    channel: text({ enum: MACRO_CHANNELS }).notNull(),
    labels: jsonb().$type<Label[]>().notNull().default([]),
    language: text({ enum: MACRO_LANGUAGES }).notNull(),
    /** Deleted macros stay for the audit trail and the outbox rows that name them. */
    deletedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("macros_workspace_idx").on(t.workspaceId, t.title),
    uniqueIndex("macros_workspace_key").on(t.workspaceId, t.key),
  ],
);
