import { Hono } from "hono";
import { and, desc, eq, inArray } from "drizzle-orm";
import { LABELS, modelOverviewSchema, type ConfusionPair, type ModelOverview } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/actor.ts";
import { workspaceModels } from "../db/schema/index.ts";
import { ApiError } from "../errors/api-error.ts";
import { reclassifyMessages } from "../messages/reclassify-messages.ts";
import { evaluate } from "../nlp/metrics.ts";
import { countCorrectionsSince, loadCorrections } from "./corrections.ts";
import { recentRuns, requestRetrain, RETRAIN_AFTER } from "./model-trainer.ts";
import { MIN_CORRECTIONS } from "./retrain-workspace.ts";
import { rollBackModel } from "./roll-back.ts";
import { routeDoc } from "../openapi/route-doc.ts";

const MAX_CONFUSIONS = 8;

/**
 * The workspace's model, for admins: which one is active, how it does on what agents corrected,
 * which label pairs they fix most, retrain (queued for the background trainer; the page polls
 * the run's progress) and rollback.
 */
export const modelRoutes = new Hono<AppEnv>()
  .get("/", routeDoc({ summary: "The workspace's model: active version, figures on corrections, retrains", response: modelOverviewSchema }), async (c) => {
    const admin = requireRole(c, "admin");
    const { db, classifiers } = c.get("services");
    const active = classifiers.forWorkspace(admin.workspaceId);
    const [models, runs, corrections] = await Promise.all([
      db
        .select({
          id: workspaceModels.id,
          modelVersion: workspaceModels.modelVersion,
          status: workspaceModels.status,
          corrections: workspaceModels.corrections,
          rows: workspaceModels.rows,
          comparison: workspaceModels.comparison,
          createdAt: workspaceModels.createdAt,
          promotedAt: workspaceModels.promotedAt,
        })
        .from(workspaceModels)
        .where(and(eq(workspaceModels.workspaceId, admin.workspaceId), inArray(workspaceModels.status, ["active", "previous"])))
        .orderBy(desc(workspaceModels.createdAt)),
      recentRuns(db, admin.workspaceId),
      loadCorrections(db, admin.workspaceId),
    ]);
    const lastRun = runs.find((r) => r.status !== "queued" && r.status !== "running");
    const sinceLastRun = await countCorrectionsSince(db, admin.workspaceId, lastRun?.correctionsUntil ?? null);
    const predicted = corrections.map((k) => active.classify(k.text).label);
    const figures = evaluate([...LABELS], corrections.map((k) => k.toLabel), predicted);
    const pairs = new Map<string, ConfusionPair>();
    for (const k of corrections) {
      if (!k.fromLabel || k.fromLabel === k.toLabel) continue;
      const key = `${k.fromLabel}>${k.toLabel}`;
      const pair = pairs.get(key) ?? { from: k.fromLabel, to: k.toLabel, count: 0 };
      pair.count += 1;
      pairs.set(key, pair);
    }
    const own = models.find((m) => m.status === "active");
    const overview: ModelOverview = {
      active: { modelVersion: active.modelVersion, own: own !== undefined, promotedAt: own?.promotedAt?.toISOString() ?? null },
      baseVersion: classifiers.base.modelVersion,
      canRollBack: own !== undefined,
      corrections: { total: corrections.length, sinceLastRun, retrainAfter: RETRAIN_AFTER, minimum: MIN_CORRECTIONS },
      onCorrections: figures.perLabel
        .filter((l) => l.support > 0)
        .map((l) => ({ label: l.label as (typeof LABELS)[number], precision: l.precision, recall: l.recall, support: l.support })),
      confusions: [...pairs.values()].sort((a, b) => b.count - a.count).slice(0, MAX_CONFUSIONS),
      runs: runs.map((r) => ({
        id: r.id,
        status: r.status,
        trigger: r.trigger,
        progress: r.progress,
        message: r.message,
        comparison: r.comparison ?? null,
        createdAt: r.createdAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
      })),
      models: models.map((m) => ({
        ...m,
        comparison: m.comparison ?? null,
        createdAt: m.createdAt.toISOString(),
        promotedAt: m.promotedAt?.toISOString() ?? null,
      })),
    };
    return c.json(overview, 200);
  })
  .post("/retrain", routeDoc({ summary: "Queue a retrain on agents' corrections", status: 202 }), async (c) => {
    const admin = requireRole(c, "admin");
    const { db } = c.get("services");
    const run = await requestRetrain(db, admin.workspaceId, admin.userId);
    return c.json({ runId: run.id, alreadyQueued: !run.created }, 202);
  })
  .post("/rollback", routeDoc({ summary: "Roll back to the model the active one replaced" }), async (c) => {
    const admin = requireRole(c, "admin");
    const { db, classifiers, logger } = c.get("services");
    const rolledBack = await rollBackModel(db, admin.workspaceId, admin.userId);
    if (!rolledBack) throw new ApiError("conflict", "This workspace uses the shipped model: there is nothing to roll back.");
    await classifiers.refresh();
    // The open queues follow the restored model; in the background, as a promotion's do.
    void reclassifyMessages(db, classifiers.forWorkspace(admin.workspaceId), { workspaceId: admin.workspaceId, openOnly: true }).catch(
      (error: unknown) => logger.error("reclassifying after a rollback failed", { error: String(error) }),
    );
    return c.json({ modelVersion: classifiers.forWorkspace(admin.workspaceId).modelVersion }, 200);
  });
