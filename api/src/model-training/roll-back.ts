import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import type { Database } from "../db/client.ts";
import { workspaceModels } from "../db/schema/index.ts";

/**
 * Puts back the model the active one replaced: the workspace's previous own model, or, when
 * the active one was its first, the shipped model. The rolled-back model is retired. Returns
 * false when the workspace has no own model to roll back from.
 */
export async function rollBackModel(db: Database, workspaceId: string, actorUserId: string | null): Promise<{ modelVersion: string | null } | false> {
  return db.transaction(async (tx) => {
    const [active] = await tx
      .select()
      .from(workspaceModels)
      .where(and(eq(workspaceModels.workspaceId, workspaceId), eq(workspaceModels.status, "active")))
      .for("update");
    if (!active) return false;
    await tx.update(workspaceModels).set({ status: "retired", artifact: null }).where(eq(workspaceModels.id, active.id));
    let restored: { id: string; modelVersion: string } | undefined;
    if (active.replacedModelId) {
      [restored] = await tx
        .update(workspaceModels)
        .set({ status: "active", promotedAt: new Date() })
        .where(and(eq(workspaceModels.id, active.replacedModelId), eq(workspaceModels.status, "previous")))
        .returning({ id: workspaceModels.id, modelVersion: workspaceModels.modelVersion });
    }
    await recordAudit(tx, {
      workspaceId,
      actorUserId,
      action: "model.rollback",
      entityType: "model",
      entityId: active.id,
      before: { modelVersion: active.modelVersion },
      after: { modelVersion: restored?.modelVersion ?? "shipped model" },
    });
    return { modelVersion: restored?.modelVersion ?? null };
  });
}
