import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { SPIKE_SERIES_KINDS } from "@surgedesk/shared";
import { workspaces } from "./workspaces.ts";

/**
 * Support load per series (a post, a campaign, a platform) and time bucket, kept at 1 minute,
 * 5 minutes and 1 hour (`bucket_seconds`). Ingest and agents' actions add to it with UPSERTs
 * of increments, so charts and the detector never rescan messages. Buckets are aligned on the
 * Unix epoch, i.e. in UTC whatever the session time zone.
 *
 * `label_counts` and `handled_label_counts` are indexed like `LABELS` (append-only); the
 * backlog of a series is the sum over all its buckets of `received - handled`.
 */
export const spikeMetrics = pgTable(
  "spike_metrics",
  {
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    seriesKind: text({ enum: SPIKE_SERIES_KINDS }).notNull(),
    /** A post id, a campaign id, or the platform's name. */
    seriesId: text().notNull(),
    bucketSeconds: integer().notNull(),
    bucketStart: timestamp({ withTimezone: true }).notNull(),
    /** Customers' comments and DMs that arrived (by when they were written). */
    received: integer().notNull().default(0),
    comments: integer().notNull().default(0),
    dms: integer().notNull().default(0),
    /** The brand's own messages seen by ingest (echoes of its replies). */
    outbound: integer().notNull().default(0),
    labelCounts: integer().array().notNull().default(sql`'{}'::integer[]`),
    negative: integer().notNull().default(0),
    escalationMedium: integer().notNull().default(0),
    escalationHigh: integer().notNull().default(0),
    /** Net messages that left the backlog in this bucket (closed, snoozed or answered, less reopened). */
    handled: integer().notNull().default(0),
    handledLabelCounts: integer().array().notNull().default(sql`'{}'::integer[]`),
    repliesSent: integer().notNull().default(0),
    /** First responses in this bucket, and their delays as a histogram (medians do not add up). */
    firstResponses: integer().notNull().default(0),
    firstResponseSecondsSum: bigint({ mode: "number" }).notNull().default(0),
    firstResponseHistogram: integer().array().notNull().default(sql`'{}'::integer[]`),
    /** Newest customer message in the bucket: the detector's event-time watermark reads it. */
    lastEventAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.seriesKind, t.seriesId, t.bucketSeconds, t.bucketStart] }),
    // "Every post's load over the last hour / week": one range scan per granularity and kind.
    index("spike_metrics_window_idx").on(t.workspaceId, t.bucketSeconds, t.seriesKind, t.bucketStart),
  ],
);
