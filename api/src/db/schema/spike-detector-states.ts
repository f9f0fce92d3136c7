import { jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { SPIKE_SERIES_KINDS } from "@surgedesk/shared";
import { workspaces } from "./workspaces.ts";

/**
 * The detector's memory of one series: its adaptive baseline folded through `committed_through`
 * (see api/src/spikes/detector/series-baseline.ts), so a restart resumes instead of relearning.
 */
export const spikeDetectorStates = pgTable(
  "spike_detector_states",
  {
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    seriesKind: text({ enum: SPIKE_SERIES_KINDS }).notNull(),
    seriesId: text().notNull(),
    committedThrough: timestamp({ withTimezone: true }).notNull(),
    state: jsonb().$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.seriesKind, t.seriesId] })],
);
