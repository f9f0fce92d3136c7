import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { connectedAccounts } from "./connected-accounts.ts";

/**
 * Where polling and backfill stand, per account and resource (a video's comments, a media's
 * comments, the shop's conversations), so a restart resumes instead of starting over.
 */
export const syncCursors = pgTable(
  "sync_cursors",
  {
    id: text().primaryKey(),
    accountId: text()
      .notNull()
      .references(() => connectedAccounts.id),
    /** e.g. `instagram.media_comments`, `tiktok.video_comments`, `tiktok_shop.conversations`. */
    resource: text().notNull(),
    /** The platform id of the video, media or conversation; "" for account-wide resources. */
    resourceId: text().notNull().default(""),
    /** The platform's paging cursor of an unfinished pass; null when the last pass completed. */
    pageCursor: text(),
    /** Newest item already gathered: an incremental pass stops when it reaches it. */
    newestSeenId: text(),
    newestSeenAt: timestamp({ withTimezone: true }),
    /** When the resource was published, for adaptive polling: fresh videos are polled often. */
    resourceCreatedAt: timestamp({ withTimezone: true }),
    /** Poller-private progress that must survive a restart (e.g. the newest id of this pass). */
    state: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    lastPolledAt: timestamp({ withTimezone: true }),
    /** When the platform last pushed news of this resource (a webhook naming it): polling may rest longer. */
    lastPushedAt: timestamp({ withTimezone: true }),
    /**
     * When the next poll is due. Claiming a cursor pushes it a lease ahead, so no other process
     * takes it while its HTTP call runs, and a crashed poll is retried when the lease runs out.
     */
    nextPollAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    itemsGathered: integer().notNull().default(0),
    /** Consecutive failures, for backoff; reset by a successful poll. */
    failures: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [
    uniqueIndex("sync_cursors_account_resource_key").on(t.accountId, t.resource, t.resourceId),
    // The poller's question: what is due now?
    index("sync_cursors_due_idx").on(t.nextPollAt),
  ],
);
