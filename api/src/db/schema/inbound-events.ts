import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { PLATFORMS } from "@surgedesk/shared";

export const INBOUND_EVENT_STATUSES = ["pending", "processed", "failed"] as const;
export const INBOUND_EVENT_SOURCES = ["webhook", "poll", "demo"] as const;

/**
 * Every platform delivery exactly as it arrived, written before the platform gets its 200.
 * It is the durable queue the ingest worker drains, and the record to replay from.
 */
export const inboundEvents = pgTable(
  "inbound_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    platform: text({ enum: PLATFORMS }).notNull(),
    source: text({ enum: INBOUND_EVENT_SOURCES }).notNull(),
    /** Which parser reads `body`: e.g. `instagram.webhook`, `tiktok.comment_page`. */
    format: text().notNull(),
    /** The connected account it was gathered for, when known at receipt (polling). */
    accountId: text(),
    /** The raw body as received (signature verified over these bytes). */
    body: text().notNull(),
    status: text({ enum: INBOUND_EVENT_STATUSES }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    /**
     * A pending event is taken no earlier than this (the database's clock); null, at once. A
     * transient failure puts it off with backoff.
     */
    nextAttemptAt: timestamp({ withTimezone: true }),
    /** Why it last failed (a retried event) or was given up (`failed`): never customer text. */
    lastError: text(),
    /** What normalizing produced, for debugging: counts of messages, skipped items and why. */
    outcome: jsonb(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // The worker's queue scan: only pending rows, oldest first. Partial so it stays tiny.
    index("inbound_events_pending_idx").on(t.id).where(sql`${t.status} = 'pending'`),
    // Retention finds the processed events past their time without reading the rest.
    index("inbound_events_processed_idx").on(t.processedAt).where(sql`${t.status} = 'processed'`),
  ],
);
