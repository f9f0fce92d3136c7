import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { workspaceModels } from "../db/schema/index.ts";
import type { MessageClassifier } from "../ingest/message-classifier.ts";
import { createClassifier } from "../nlp/classifier.ts";
import { modelArtifactSchema } from "../nlp/model-artifact.ts";

/**
 * Which model classifies each workspace's messages: its own active model when it has one, the
 * shipped model otherwise. Lookups are synchronous (ingestion classifies thousands a second);
 * `refresh()` reads which versions are active — cheap, one small query — and loads only the
 * artifacts that changed. Every process refreshes on each pass of its model trainer (every 5 s),
 * and at once after a promotion or rollback it made itself, so a new model reaches every replica
 * within seconds.
 */
export interface WorkspaceClassifiers {
  forWorkspace(workspaceId: string): MessageClassifier;
  readonly base: MessageClassifier;
  refresh(): Promise<void>;
}

export function createWorkspaceClassifiers(db: Database, base: MessageClassifier): WorkspaceClassifiers {
  let own = new Map<string, MessageClassifier>();
  return {
    base,
    forWorkspace: (workspaceId) => own.get(workspaceId) ?? base,
    async refresh() {
      const active = await db
        .select({ id: workspaceModels.id, workspaceId: workspaceModels.workspaceId, modelVersion: workspaceModels.modelVersion })
        .from(workspaceModels)
        .where(eq(workspaceModels.status, "active"));
      const next = new Map<string, MessageClassifier>();
      for (const row of active) {
        const loaded = own.get(row.workspaceId);
        if (loaded?.modelVersion === row.modelVersion) {
          next.set(row.workspaceId, loaded);
          continue;
        }
        const [stored] = await db
          .select({ artifact: workspaceModels.artifact })
          .from(workspaceModels)
          .where(and(eq(workspaceModels.id, row.id), eq(workspaceModels.status, "active")));
        if (!stored?.artifact) continue;
        next.set(row.workspaceId, createClassifier(modelArtifactSchema.parse(JSON.parse(stored.artifact))));
      }
      own = next;
    },
  };
}
