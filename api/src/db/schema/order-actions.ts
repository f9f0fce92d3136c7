import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { ORDER_ACTION_KINDS, ORDER_ACTION_STATUSES, type OrderActionInput, type OrderActionPlan } from "@surgedesk/shared";
import { workspaces } from "./workspaces.ts";
import { messages } from "./messages.ts";
import { connectedAccounts } from "./connected-accounts.ts";
import { users } from "./users.ts";

/**
 * Every order action is a row here before it is a call to a shop, with the reply outbox's
 * discipline: the worker marks a row `running` (with a lease) before the call and `done` after,
 * so a crash or a lost answer in between leaves a row whose next attempt first asks the shop
 * whether the action already happened (`uncertainSince`), instead of doing it twice.
 */
export const orderActions = pgTable(
  "order_actions",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    /** The conversation it was asked from: the result is posted there. */
    messageId: text().references(() => messages.id),
    kind: text({ enum: ORDER_ACTION_KINDS }).notNull(),
    /** The TikTok Shop account that owns the order; null for Shopify (the configured store). */
    accountId: text().references(() => connectedAccounts.id),
    /** What was asked, as validated (the platform ids to act on). */
    input: jsonb().$type<OrderActionInput>().notNull(),
    /** What the confirmation showed: the action does exactly this. */
    plan: jsonb().$type<OrderActionPlan>().notNull(),
    /** Unique per workspace: the same request twice is one action. */
    idempotencyKey: text().notNull(),
    status: text({ enum: ORDER_ACTION_STATUSES }).notNull(),
    requestedByUserId: text().references(() => users.id),
    /** The admin who approved or declined it (refunds above the threshold). */
    decidedByUserId: text().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    /** Attempts that may have reached the shop: the ones that count toward giving up. */
    failedSends: integer().notNull().default(0),
    /** Set when an attempt may have reached the shop unanswered: the next one checks first. */
    uncertainSince: timestamp({ withTimezone: true }),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    /** The shop's id for what it did (refund, cancellation job, after-sales request). */
    externalId: text(),
    /** In words, once done or failed; posted into the conversation. */
    result: text(),
    /** The note carrying the result in the conversation, once posted. */
    noteId: text(),
    doneAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("order_actions_idempotency_key").on(t.workspaceId, t.idempotencyKey),
    index("order_actions_message_idx").on(t.messageId, t.createdAt),
    index("order_actions_approval_idx")
      .on(t.workspaceId, t.createdAt)
      .where(sql`${t.status} = 'awaiting_approval'`),
    index("order_actions_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);
