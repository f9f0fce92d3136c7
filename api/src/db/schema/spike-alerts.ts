import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import {
  SPIKE_ALERT_EVENT_TYPES,
  SPIKE_ALERT_STATUSES,
  SPIKE_SERIES_KINDS,
  SPIKE_SEVERITIES,
  WEBHOOK_DELIVERY_STATUSES,
  type SpikeNumbers,
  type SpikeReadiness,
  type SpikeTrigger,
} from "@surgedesk/shared";
import { workspaces } from "./workspaces.ts";
import { posts } from "./posts.ts";

/** A surge of one series, from the minute the detector saw it until it subsided. */
export const spikeAlerts = pgTable(
  "spike_alerts",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    seriesKind: text({ enum: SPIKE_SERIES_KINDS }).notNull(),
    seriesId: text().notNull(),
    /** The post concerned: the series' own, or the busiest post of a campaign or platform. */
    postId: text().references(() => posts.id),
    status: text({ enum: SPIKE_ALERT_STATUSES }).notNull().default("open"),
    severity: text({ enum: SPIKE_SEVERITIES }).notNull(),
    triggers: jsonb().$type<SpikeTrigger[]>().notNull(),
    /** Start of the window that fired (event time): how early the surge began. */
    startedAt: timestamp({ withTimezone: true }).notNull(),
    /** The detector's clock when it fired: `detected_at - started_at` is the detection delay. */
    detectedAt: timestamp({ withTimezone: true }).notNull(),
    escalatedAt: timestamp({ withTimezone: true }),
    resolvedAt: timestamp({ withTimezone: true }),
    numbers: jsonb().$type<SpikeNumbers>().notNull(),
    peak: jsonb().$type<SpikeNumbers>().notNull(),
    readiness: jsonb().$type<SpikeReadiness[]>().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("spike_alerts_feed_idx").on(t.workspaceId, t.detectedAt.desc()),
    // One open alert per series, even with several detector processes.
    uniqueIndex("spike_alerts_open_key")
      .on(t.workspaceId, t.seriesKind, t.seriesId)
      .where(sql`${t.status} = 'open'`),
  ],
);

/**
 * What happened to an alert (started, escalated, resolved), with the numbers at that moment.
 * It doubles as the outbox of the alert webhook: a row first, sent by a worker with retries.
 */
export const spikeAlertEvents = pgTable(
  "spike_alert_events",
  {
    id: text().primaryKey(),
    alertId: text()
      .notNull()
      .references(() => spikeAlerts.id),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    type: text({ enum: SPIKE_ALERT_EVENT_TYPES }).notNull(),
    severity: text({ enum: SPIKE_SEVERITIES }).notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    numbers: jsonb().$type<SpikeNumbers>().notNull(),
    readiness: jsonb().$type<SpikeReadiness[]>().notNull().default([]),
    webhookStatus: text({ enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default("pending"),
    webhookAttempts: integer().notNull().default(0),
    webhookNextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    webhookLastError: text(),
    webhookSentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("spike_alert_events_alert_idx").on(t.alertId, t.at),
    // The sender's queue: only undelivered rows, so it stays tiny.
    index("spike_alert_events_pending_idx")
      .on(t.webhookNextAttemptAt)
      .where(sql`${t.webhookStatus} = 'pending'`),
  ],
);
