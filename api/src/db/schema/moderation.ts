import { boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { RULE_ACTION_TYPES, RULE_MODES, type RuleAction, type RuleConditions } from "@surgedesk/shared";
import { workspaces } from "./workspaces.ts";
import { users } from "./users.ts";

/** A workspace's moderation rules, evaluated in `position` order at ingest and on relabel. */
export const moderationRules = pgTable(
  "moderation_rules",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    name: text().notNull(),
    position: integer().notNull(),
    enabled: boolean().notNull().default(true),
    mode: text({ enum: RULE_MODES }).notNull().default("dry_run"),
    conditions: jsonb().$type<RuleConditions>().notNull(),
    actions: jsonb().$type<RuleAction[]>().notNull(),
    stopProcessing: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("moderation_rules_workspace_idx").on(t.workspaceId, t.position)],
);

/**
 * What a rule did (or in dry run would have done) to one message, with the fields as they were,
 * so an agent can undo it from the message. No foreign key to the message: ingestion writes these
 * in its batch, and erasing a contact deletes them with its messages.
 */
export const moderationOutcomes = pgTable(
  "moderation_outcomes",
  {
    id: text().primaryKey(),
    workspaceId: text().notNull(),
    messageId: text().notNull(),
    /** Null for the built-in "muted author" check. */
    ruleId: text(),
    ruleName: text().notNull(),
    action: text({ enum: RULE_ACTION_TYPES }).notNull(),
    mode: text({ enum: RULE_MODES }).notNull(),
    before: jsonb(),
    after: jsonb(),
    failure: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp({ withTimezone: true }),
    undoneByUserId: text().references(() => users.id),
  },
  (t) => [index("moderation_outcomes_message_idx").on(t.messageId, t.createdAt)],
);
