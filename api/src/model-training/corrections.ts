import { and, asc, eq, gt } from "drizzle-orm";
import type { Label } from "@surgedesk/shared";
import type { Database } from "../db/client.ts";
import { labelCorrections } from "../db/schema/index.ts";

export interface Correction {
  messageId: string;
  text: string;
  /** What the model said when the agent corrected it (null: no label before). */
  fromLabel: Label | null;
  toLabel: Label;
  createdAt: Date;
}

/**
 * A workspace's corrections, oldest first, the latest per message only: an agent who relabels
 * twice meant the second one.
 */
export async function loadCorrections(db: Database, workspaceId: string): Promise<Correction[]> {
  const rows = await db
    .select({
      messageId: labelCorrections.messageId,
      text: labelCorrections.text,
      fromLabel: labelCorrections.fromLabel,
      toLabel: labelCorrections.toLabel,
      createdAt: labelCorrections.createdAt,
    })
    .from(labelCorrections)
    .where(eq(labelCorrections.workspaceId, workspaceId))
    .orderBy(asc(labelCorrections.createdAt), asc(labelCorrections.id));
  const latest = new Map<string, Correction>();
  for (const row of rows) {
    latest.delete(row.messageId);
    latest.set(row.messageId, row);
  }
  return [...latest.values()];
}

export async function countCorrectionsSince(db: Database, workspaceId: string, since: Date | null): Promise<number> {
  return db.$count(
    labelCorrections,
    and(eq(labelCorrections.workspaceId, workspaceId), since ? gt(labelCorrections.createdAt, since) : undefined),
  );
}
