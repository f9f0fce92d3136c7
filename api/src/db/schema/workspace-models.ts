import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { MODEL_STATUSES, TRAINING_RUN_STATUSES, type ModelComparison } from "@surgedesk/shared";
import { users } from "./users.ts";
import { workspaces } from "./workspaces.ts";

/**
 * A workspace's own classifier models. At most one is `active` (it classifies the workspace's
 * messages; with none, the shipped model does); the one it replaced is `previous`, kept for
 * rollback; older ones are `retired` and lose their artifact.
 */
export const workspaceModels = pgTable(
  "workspace_models",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    modelVersion: text().notNull(),
    status: text({ enum: MODEL_STATUSES }).notNull(),
    /** The artifact JSON (several MB); null once retired. */
    artifact: text(),
    corrections: integer().notNull(),
    rows: integer().notNull(),
    comparison: jsonb().$type<ModelComparison>(),
    /** What was active before this one was promoted (null: the shipped model). */
    replacedModelId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    promotedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("workspace_models_one_active_idx").on(t.workspaceId).where(sql`status = 'active'`),
    index("workspace_models_workspace_idx").on(t.workspaceId, t.createdAt),
  ],
);

/**
 * Retrain requests, run one at a time across every process: a run is claimed under an advisory
 * lock only when no other run holds an unexpired lease, and the trainer renews the lease while
 * it fits. A run whose process died is taken over once its lease lapses.
 */
export const modelTrainingRuns = pgTable(
  "model_training_runs",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    status: text({ enum: TRAINING_RUN_STATUSES }).notNull(),
    trigger: text({ enum: ["manual", "corrections"] }).notNull(),
    requestedBy: text().references(() => users.id),
    progress: real().notNull().default(0),
    message: text(),
    comparison: jsonb().$type<ModelComparison>(),
    /** Corrections up to this time were available to the run (the next auto-retrain counts from here). */
    correctionsUntil: timestamp({ withTimezone: true }).notNull(),
    attempts: integer().notNull().default(0),
    leaseExpiresAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("model_training_runs_status_idx").on(t.status, t.createdAt),
    index("model_training_runs_workspace_idx").on(t.workspaceId, t.createdAt),
  ],
);
