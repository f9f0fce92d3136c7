import { boolean, index, integer, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { ESCALATION_LEVELS, LABELS, MESSAGE_DIRECTIONS, MESSAGE_STATUSES } from "@surgedesk/shared";

/**
 * What decides a message's queues (its status, label, label doubt, escalation, direction and
 * whether the brand has answered it), the columns both tally tables share. Queue definitions are
 * applied when counts are read, so changing a queue needs no recount.
 */
const tallyColumns = {
  workspaceId: text().notNull(),
  /**
   * 0: every message of the workspace, whenever written. 60 and 3600: only messages still
   * waiting for a first answer (inbound, not closed, unanswered), per minute and per hour of their
   * SLA breach time; -60 and -3600: the same by their warning time — for the SLA counts that change
   * with the clock (queues/queue-counts.ts). One with no deadline (no SLA) or a stopped clock
   * (snoozed) is in the bucket at 9999-12-31: never due. Migration 0025 defines the buckets
   * (`queue_tally_bucket`).
   */
  bucketSeconds: integer().notNull(),
  /** Start of the bucket, aligned on the Unix epoch; the epoch itself for `bucket_seconds` 0. */
  bucketStart: timestamp({ withTimezone: true }).notNull(),
  status: text({ enum: MESSAGE_STATUSES }).notNull(),
  label: text({ enum: LABELS }),
  needsLabel: boolean().notNull(),
  escalationLevel: text({ enum: ESCALATION_LEVELS }),
  direction: text({ enum: MESSAGE_DIRECTIONS }).notNull(),
  answered: boolean().notNull(),
  /** How many messages (in a delta: how many more or fewer). */
  n: integer().notNull(),
};

/**
 * Messages per workspace and tally key: the sidebar's queue counts without scanning messages.
 * Written only by compaction (queues/compact-queue-tallies.ts), which folds the deltas in.
 */
export const queueTallies = pgTable("queue_tallies", tallyColumns, (t) => [
  unique("queue_tallies_key")
    .on(t.workspaceId, t.bucketSeconds, t.bucketStart, t.status, t.label, t.needsLabel, t.escalationLevel, t.direction, t.answered)
    .nullsNotDistinct(),
]);

/**
 * Changes to the tallies not yet folded in, appended by triggers on `messages` and
 * `message_first_responses` in the transaction of the change (migration 0019): an append, never an
 * update, so concurrent writers never wait on or deadlock over a shared counter row. A count is
 * the tally plus its deltas.
 */
export const queueTallyDeltas = pgTable("queue_tally_deltas", tallyColumns, (t) => [
  index("queue_tally_deltas_workspace_idx").on(t.workspaceId, t.bucketSeconds, t.bucketStart),
]);
