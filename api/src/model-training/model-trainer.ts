import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { queryRows } from "../db/client.ts";
import { labelCorrections, modelTrainingRuns, workspaces } from "../db/schema/index.ts";
import { createLeasedQueue } from "../jobs/leased-queue.ts";
import { createBackgroundLoop, type BackgroundLoop } from "../lib/background-loop.ts";
import { newId } from "../lib/ids.ts";
import type { Logger } from "../lib/logger.ts";
import { reclassifyMessages } from "../messages/reclassify-messages.ts";
import { fitInChild } from "./fit-in-child.ts";
import { retrainWorkspace, type Fit } from "./retrain-workspace.ts";
import type { WorkspaceClassifiers } from "./workspace-classifiers.ts";
import { describeError } from "../lib/safe-error.ts";

/**
 * The background trainer: queues a retrain when a workspace has gathered `RETRAIN_AFTER` new
 * corrections, and runs queued retrains one at a time across every process. A run is claimed
 * under a transaction-scoped advisory lock, and only when no other run holds an unexpired
 * lease; the lease is renewed while the fit runs, so a crashed trainer's run is taken over
 * once it lapses (up to `MAX_ATTEMPTS`). After a promotion the workspace's open messages are
 * classified again by the new model, so queues and spike metrics follow it.
 */

export const RETRAIN_AFTER = 25;
export const LEASE_MS = 60_000;
export const MAX_ATTEMPTS = 3;
const LOCK_KEY = "surgedesk:model-trainer";

export interface ModelTrainer {
  loop: BackgroundLoop;
  /** One pass: queue due retrains, run one if it can. Resolves with the run it finished, if any. */
  runOnce(): Promise<string | null>;
}

/** Queues a retrain for the workspace, unless one is already queued or running: returns that one. */
export async function requestRetrain(db: Database, workspaceId: string, requestedBy: string | null, trigger: "manual" | "corrections" = "manual") {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${LOCK_KEY}:${workspaceId}`}))`);
    const [pending] = await tx
      .select({ id: modelTrainingRuns.id })
      .from(modelTrainingRuns)
      .where(and(eq(modelTrainingRuns.workspaceId, workspaceId), inArray(modelTrainingRuns.status, ["queued", "running"])));
    if (pending) return { id: pending.id, created: false };
    const id = newId("run");
    await tx.insert(modelTrainingRuns).values({ id, workspaceId, status: "queued", trigger, requestedBy, correctionsUntil: new Date() });
    return { id, created: true };
  });
}

/**
 * Workspaces with `RETRAIN_AFTER` corrections newer than their last run's. Per workspace, at
 * most `RETRAIN_AFTER` index entries are read, so the pass stays cheap however many
 * corrections have piled up.
 */
async function queueDueRetrains(db: Database) {
  const due = await queryRows<{ id: string }>(
    db,
    sql`select w.id from ${workspaces} w
        where (select count(*) from (
                 select 1 from ${labelCorrections} c
                 where c.workspace_id = w.id
                   and c.created_at > coalesce(
                     (select max(r.corrections_until) from ${modelTrainingRuns} r where r.workspace_id = w.id), '-infinity')
                 limit ${RETRAIN_AFTER}) recent) >= ${RETRAIN_AFTER}`,
  );
  for (const row of due) await requestRetrain(db, row.id, null, "corrections");
}

/** Retrain runs as a leased queue; a run whose trainer died `MAX_ATTEMPTS` times is given up. */
const runs = createLeasedQueue({
  table: modelTrainingRuns,
  id: modelTrainingRuns.id,
  order: modelTrainingRuns.createdAt,
  status: { column: modelTrainingRuns.status, queued: "queued", running: "running", dead: "failed" },
  leaseUntil: modelTrainingRuns.leaseExpiresAt,
  leaseMs: LEASE_MS,
  attempts: modelTrainingRuns.attempts,
  lastError: modelTrainingRuns.message,
  maxAttempts: MAX_ATTEMPTS,
  abandonedReason: "The trainer stopped before finishing, too many times.",
  onDead: (at) => ({ finishedAt: at }),
});

async function claimRun(db: Database) {
  return db.transaction(async (tx) => {
    // One retrain at a time across every process: none starts while another run's lease is alive.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${LOCK_KEY}))`);
    const [busy] = await tx
      .select({ id: modelTrainingRuns.id })
      .from(modelTrainingRuns)
      .where(and(eq(modelTrainingRuns.status, "running"), gt(modelTrainingRuns.leaseExpiresAt, new Date())))
      .limit(1);
    if (busy) return null;
    const [claimed] = await runs.claim(tx, { limit: 1, set: { startedAt: sql`now()`, progress: 0, correctionsUntil: sql`now()` } });
    return claimed ?? null;
  });
}

export function createModelTrainer(options: {
  db: Database;
  logger: Logger;
  classifiers: WorkspaceClassifiers;
  fit?: Fit;
  intervalMs?: number;
}): ModelTrainer {
  const { db, logger, classifiers } = options;
  const fit = options.fit ?? fitInChild;

  async function runOnce(): Promise<string | null> {
    // Every pass, claimed run or not: this is how each process learns of others' promotions.
    await classifiers.refresh();
    await queueDueRetrains(db);
    const run = await claimRun(db);
    if (!run) return null;
    let progress = 0;
    const renew = () => runs.heartbeat(db, run, { progress });
    let lastWrite = 0;
    const heartbeat = setInterval(() => void renew().catch(() => {}), LEASE_MS / 4);
    try {
      const outcome = await retrainWorkspace({
        db,
        workspaceId: run.workspaceId,
        current: classifiers.forWorkspace(run.workspaceId),
        fit,
        actorUserId: run.requestedBy,
        onProgress: (fraction) => {
          progress = Math.round(fraction * 100) / 100;
          // Progress is written at most every half second: the console polls it.
          if (Date.now() - lastWrite > 500) {
            lastWrite = Date.now();
            void renew().catch(() => {});
          }
        },
      });
      if (outcome.status === "promoted") {
        await classifiers.refresh();
        const result = await reclassifyMessages(db, classifiers.forWorkspace(run.workspaceId), {
          workspaceId: run.workspaceId,
          openOnly: true,
        });
        outcome.message += ` ${result.relabelled} open messages were relabelled.`;
      }
      await runs.settle(db, run, { status: outcome.status, message: outcome.message, comparison: outcome.comparison, progress: 1, finishedAt: new Date() });
      logger.info("model retrain finished", { run: run.id, status: outcome.status });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logger.error("model retrain failed", { run: run.id, error: reason });
      await runs.deadLetter(db, run, `The retrain failed: ${reason}`.slice(0, 1000));
    } finally {
      clearInterval(heartbeat);
    }
    return run.id;
  }

  const loop = createBackgroundLoop(
    runOnce,
    options.intervalMs ?? 5_000,
    (error) => logger.error("model trainer pass failed", { error: describeError(error) }),
  );
  return { loop, runOnce };
}

/** The newest runs of a workspace, for the Model page. */
export async function recentRuns(db: Database, workspaceId: string, limit = 10) {
  return db
    .select()
    .from(modelTrainingRuns)
    .where(eq(modelTrainingRuns.workspaceId, workspaceId))
    .orderBy(desc(modelTrainingRuns.createdAt))
    .limit(limit);
}
