import { z } from "zod";
import { labelSchema } from "./labels.ts";

/**
 * A workspace's own classifier: every agent correction is training data; a retrain fits the
 * shipped recipe to the base data plus the workspace's corrections, and the candidate replaces
 * the active model only if it does better on the most recent corrections. The one definition
 * of the shapes the model API and the console's Model page share.
 */

export const labelFiguresSchema = z.object({
  label: labelSchema,
  precision: z.number(),
  recall: z.number(),
  support: z.number().int(),
});
export type LabelFiguresDto = z.infer<typeof labelFiguresSchema>;

/** Candidate against the model it would replace, on the held-back most recent corrections. */
export const modelComparisonSchema = z.object({
  heldOut: z.number().int(),
  candidateAccuracy: z.number(),
  currentAccuracy: z.number(),
  candidateMacroF1: z.number(),
  currentMacroF1: z.number(),
  currentVersion: z.string(),
});
export type ModelComparison = z.infer<typeof modelComparisonSchema>;

export const MODEL_STATUSES = ["active", "previous", "retired"] as const;
export const workspaceModelSchema = z.object({
  id: z.string(),
  modelVersion: z.string(),
  status: z.enum(MODEL_STATUSES),
  corrections: z.number().int(),
  rows: z.number().int(),
  comparison: modelComparisonSchema.nullable(),
  createdAt: z.string(),
  promotedAt: z.string().nullable(),
});
export type WorkspaceModel = z.infer<typeof workspaceModelSchema>;

export const TRAINING_RUN_STATUSES = ["queued", "running", "promoted", "rejected", "failed"] as const;
export const trainingRunStatusSchema = z.enum(TRAINING_RUN_STATUSES);
export type TrainingRunStatus = z.infer<typeof trainingRunStatusSchema>;

export const trainingRunSchema = z.object({
  id: z.string(),
  status: trainingRunStatusSchema,
  trigger: z.enum(["manual", "corrections"]),
  /** 0..1 while running. */
  progress: z.number(),
  /** Why it was rejected or failed, or what it did, in words. */
  message: z.string().nullable(),
  comparison: modelComparisonSchema.nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TrainingRun = z.infer<typeof trainingRunSchema>;

export const confusionPairSchema = z.object({ from: labelSchema, to: labelSchema, count: z.number().int() });
export type ConfusionPair = z.infer<typeof confusionPairSchema>;

export const modelOverviewSchema = z.object({
  /** The model classifying this workspace's messages now. */
  active: z.object({ modelVersion: z.string(), own: z.boolean(), promotedAt: z.string().nullable() }),
  /** The shipped model every workspace starts from. */
  baseVersion: z.string(),
  /** Whether a rollback has somewhere to go (the previous own model, or the shipped one). */
  canRollBack: z.boolean(),
  corrections: z.object({
    total: z.number().int(),
    sinceLastRun: z.number().int(),
    retrainAfter: z.number().int(),
    /** A retrain needs this many to learn from and test on. */
    minimum: z.number().int(),
  }),
  /** How the active model does on this workspace's corrections (what agents said was right). */
  onCorrections: z.array(labelFiguresSchema),
  /** The label pairs agents fix most: what the model said → what the agent set. */
  confusions: z.array(confusionPairSchema),
  runs: z.array(trainingRunSchema),
  models: z.array(workspaceModelSchema),
});
export type ModelOverview = z.infer<typeof modelOverviewSchema>;
