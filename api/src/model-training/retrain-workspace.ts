import { and, eq, inArray } from "drizzle-orm";
import { LABELS, type ModelComparison } from "@surgedesk/shared";
import { recordAudit } from "../audit/record-audit.ts";
import type { Database } from "../db/client.ts";
import { workspaceModels } from "../db/schema/index.ts";
import type { MessageClassifier } from "../ingest/message-classifier.ts";
import { newId } from "../lib/ids.ts";
import { createClassifier } from "../nlp/classifier.ts";
import { sha256 } from "../nlp/fit-model.ts";
import { evaluate } from "../nlp/metrics.ts";
import { modelArtifactSchema } from "../nlp/model-artifact.ts";
import { loadCorrections, type Correction } from "./corrections.ts";
import type { FitRequest } from "./fit-in-child.ts";

/**
 * One retrain of one workspace's model:
 * 1. the workspace's corrections, oldest first; the most recent fifth (at least 3) is held back;
 * 2. a candidate is fitted to the base rows plus the older corrections, each weighted
 *    `CORRECTION_WEIGHT` (an agent's word on the brand's own text outweighs a public row);
 * 3. the candidate and the current model (the workspace's own, or the shipped one) both label
 *    the held-back corrections — the newest phrasing agents had to fix, which neither has seen;
 * 4. the candidate is promoted only if it labels more of them right (equal accuracy: higher
 *    macro-F1); the model it replaces is kept as `previous`, for rollback.
 */

export const CORRECTION_WEIGHT = 4;
export const MIN_CORRECTIONS = 10;
export const HELD_OUT_SHARE = 0.2;
export const MIN_HELD_OUT = 3;

export type Fit = (request: FitRequest, onProgress: (fraction: number) => void) => Promise<{ artifact: string; rows: number }>;

export interface RetrainOutcome {
  status: "promoted" | "rejected";
  message: string;
  comparison: ModelComparison | null;
  modelId?: string;
}

export function splitByTime(corrections: readonly Correction[]): { train: Correction[]; heldOut: Correction[] } {
  const held = Math.max(MIN_HELD_OUT, Math.ceil(corrections.length * HELD_OUT_SHARE));
  return { train: corrections.slice(0, corrections.length - held), heldOut: corrections.slice(corrections.length - held) };
}

export function compareOn(heldOut: readonly Correction[], candidate: MessageClassifier, current: MessageClassifier): ModelComparison {
  const gold = heldOut.map((c) => c.toLabel);
  const figures = (classifier: MessageClassifier) => evaluate([...LABELS], gold, heldOut.map((c) => classifier.classify(c.text).label));
  const ours = figures(candidate);
  const theirs = figures(current);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    heldOut: heldOut.length,
    candidateAccuracy: round(ours.accuracy),
    currentAccuracy: round(theirs.accuracy),
    candidateMacroF1: round(ours.macroF1),
    currentMacroF1: round(theirs.macroF1),
    currentVersion: current.modelVersion,
  };
}

export function isBetter(c: ModelComparison): boolean {
  return c.candidateAccuracy > c.currentAccuracy || (c.candidateAccuracy === c.currentAccuracy && c.candidateMacroF1 > c.currentMacroF1);
}

export async function retrainWorkspace(options: {
  db: Database;
  workspaceId: string;
  current: MessageClassifier;
  fit: Fit;
  onProgress: (fraction: number) => void;
  actorUserId: string | null;
}): Promise<RetrainOutcome> {
  const { db, workspaceId, current } = options;
  const corrections = await loadCorrections(db, workspaceId);
  if (corrections.length < MIN_CORRECTIONS) {
    return {
      status: "rejected",
      message: `Needs at least ${MIN_CORRECTIONS} corrections to learn from and to test on; this workspace has ${corrections.length}.`,
      comparison: null,
    };
  }
  const { train, heldOut } = splitByTime(corrections);
  const request: FitRequest = {
    corrections: train.map((c) => ({ text: c.text, label: c.toLabel, weight: CORRECTION_WEIGHT })),
    dataSha256: sha256(JSON.stringify(train.map((c) => [c.text, c.toLabel]))),
  };
  const fitted = await options.fit(request, (fraction) => options.onProgress(fraction * 0.95));
  const artifact = modelArtifactSchema.parse(JSON.parse(fitted.artifact));
  const candidate = createClassifier(artifact);
  const comparison = compareOn(heldOut, candidate, current);
  const summary =
    `${Math.round(comparison.candidateAccuracy * heldOut.length)} of the ${heldOut.length} newest corrections right, ` +
    `against ${Math.round(comparison.currentAccuracy * heldOut.length)} for the model in use`;
  if (!isBetter(comparison)) {
    return { status: "rejected", message: `Kept the model in use: the candidate got ${summary}.`, comparison };
  }
  const modelId = newId("model");
  await db.transaction(async (tx) => {
    const [active] = await tx
      .select({ id: workspaceModels.id })
      .from(workspaceModels)
      .where(and(eq(workspaceModels.workspaceId, workspaceId), eq(workspaceModels.status, "active")))
      .for("update");
    // Only one model is kept for rollback: the one being replaced. Older ones give up their artifact.
    await tx
      .update(workspaceModels)
      .set({ status: "retired", artifact: null })
      .where(and(eq(workspaceModels.workspaceId, workspaceId), inArray(workspaceModels.status, ["previous"])));
    if (active) await tx.update(workspaceModels).set({ status: "previous" }).where(eq(workspaceModels.id, active.id));
    await tx.insert(workspaceModels).values({
      id: modelId,
      workspaceId,
      modelVersion: artifact.modelVersion,
      status: "active",
      artifact: fitted.artifact,
      corrections: train.length,
      rows: fitted.rows,
      comparison,
      replacedModelId: active?.id ?? null,
      promotedAt: new Date(),
    });
    await recordAudit(tx, {
      workspaceId,
      actorUserId: options.actorUserId,
      action: "model.promote",
      entityType: "model",
      entityId: modelId,
      before: { modelVersion: current.modelVersion },
      after: { modelVersion: artifact.modelVersion, comparison },
    });
  });
  return { status: "promoted", message: `Promoted ${artifact.modelVersion}: it got ${summary}.`, comparison, modelId };
}
