import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { OUTBOX_KINDS, OUTBOX_STATUSES, PLATFORMS, REPLY_VISIBILITY_CHECKS } from "@surgedesk/shared";
import { workspaces } from "./workspaces.ts";
import { messages } from "./messages.ts";
import { connectedAccounts } from "./connected-accounts.ts";
import { users } from "./users.ts";
import { macros } from "./macros.ts";

/** Where a send goes, in the platform's own ids. */
export interface OutboxTarget {
  /** The comment replied to (public reply, Instagram Private Reply). */
  commentId?: string;
  /** TikTok's video of the comment. */
  videoId?: string;
  /** A DM conversation (TikTok, TikTok Shop) or the customer's IGSID (Instagram). */
  conversationId?: string;
  recipientId?: string;
}

/**
 * Every reply is a row here before it is a call to a platform. The worker marks a row
 * `sending` (with a lease) before the call and `sent` after, so a crash in between leaves a
 * `sending` row whose next attempt first asks the platform whether the reply is already there.
 */
export const replyOutbox = pgTable(
  "reply_outbox",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    /** The customer's message this answers. */
    messageId: text()
      .notNull()
      .references(() => messages.id),
    accountId: text()
      .notNull()
      .references(() => connectedAccounts.id),
    platform: text({ enum: PLATFORMS }).notNull(),
    kind: text({ enum: OUTBOX_KINDS }).notNull(),
    target: jsonb().$type<OutboxTarget>().notNull(),
    text: text().notNull(),
    macroId: text().references(() => macros.id),
    actorUserId: text().references(() => users.id),
    /** A comment-to-DM move's two rows share it. */
    actionId: text().notNull(),
    /** Unique per workspace: the same request twice queues one send. */
    idempotencyKey: text().notNull(),
    status: text({ enum: OUTBOX_STATUSES }).notNull().default("queued"),
    attempts: integer().notNull().default(0),
    /**
     * Attempts that failed at sending, or may have: the ones that count toward giving up. A
     * throttled call (the platform did nothing and said when to come back) and a check on the
     * platform that could not be made (nothing was sent) are attempts, not failed sends.
     */
    failedSends: integer().notNull().default(0),
    /**
     * Set when an attempt may have reached the platform without us hearing the answer (a
     * crash, a timeout, a 5xx): the next attempt checks the platform before sending again.
     */
    uncertainSince: timestamp({ withTimezone: true }),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** While `sending`: after this, the worker holding it is presumed dead. */
    leaseUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    externalId: text(),
    /** The outbound message stored in the thread once sent. */
    sentMessageId: text(),
    sentAt: timestamp({ withTimezone: true }),
    /**
     * "Sent" is not "seen": for platforms that may hide a reply silently (TikTok's spam filter),
     * `pending` from the send until the reply is seen public (`visible`) or `visibilityDueAt`
     * passes without that (`not_visible`, with the platform's state in `platformState`).
     */
    visibilityCheck: text({ enum: REPLY_VISIBILITY_CHECKS }),
    visibilityDueAt: timestamp({ withTimezone: true }),
    platformState: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("reply_outbox_idempotency_key").on(t.workspaceId, t.idempotencyKey),
    index("reply_outbox_message_idx").on(t.messageId, t.createdAt),
    // One platform reply is one row's delivery: a check on the platform that finds a reply can
    // never record it for a second row.
    uniqueIndex("reply_outbox_external_id")
      .on(t.platform, t.externalId)
      .where(sql`${t.externalId} is not null`),
    // The worker's queue: only rows still to send, so it stays small.
    index("reply_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('queued', 'sending')`),
    // The visibility check's work: sent replies not yet seen public.
    index("reply_outbox_visibility_idx")
      .on(t.visibilityDueAt)
      .where(sql`${t.visibilityCheck} in ('pending', 'not_visible')`),
  ],
);
