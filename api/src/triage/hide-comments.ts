import { and, eq, sql } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import { recordAuditBatch } from "../audit/record-audit.ts";
import { PlatformApiError } from "../connectors/contract.ts";
import type { ConnectorRegistry } from "../connectors/registry.ts";
import { hideOnPlatform, selectHideTargets } from "./hide-on-platform.ts";
import { applyMessageChange, lockMessages } from "./apply-message-change.ts";
import { normalizeChange } from "./message-change.ts";

/** Platform calls in flight at once: quick enough for a few hundred, gentle on rate limits. */
const CONCURRENCY = 4;

/** Why one comment was not hidden: a code to act on, and the words an agent reads. */
export interface HideFailure {
  id: string;
  code: "not_found" | "not_a_comment" | "deleted" | "platform_refused";
  reason: string;
}

export interface HideResult {
  /** Hidden now (the platform accepted). */
  hidden: string[];
  /** Already hidden: nothing to do. */
  unchanged: string[];
  failed: HideFailure[];
}

function reasonOf(error: unknown): string {
  if (error instanceof PlatformApiError) return error.message;
  if (error instanceof Error) return error.message;
  return "The platform could not be reached.";
}

/**
 * Hides comments on their platforms, then marks them hidden, and resolved, with audit entries. The
 * platform calls run outside any transaction (no row stays locked while a platform answers); a
 * comment is marked hidden only once its platform has said so.
 */
export async function hideComments(
  deps: { db: Database; config: Config; connectors: ConnectorRegistry },
  /** A user, or Surgedesk itself for a moderation rule (no user). */
  actor: { userId: string | null; workspaceId: string },
  ids: readonly string[],
): Promise<HideResult> {
  const result: HideResult = { hidden: [], unchanged: [], failed: [] };
  if (ids.length === 0) return result;
  const rows = await selectHideTargets(deps.db).where(and(eq(messages.workspaceId, actor.workspaceId), sql`${messages.id} = any(${sql.param([...ids])}::text[])`));
  const found = new Set(rows.map((row) => row.id));
  for (const id of ids) if (!found.has(id)) result.failed.push({ id, code: "not_found", reason: "No message with that id." });

  const todo = rows.filter((row) => {
    if (row.kind !== "comment") result.failed.push({ id: row.id, code: "not_a_comment", reason: "Only comments can be hidden; this is a DM." });
    else if (row.visibility === "hidden") result.unchanged.push(row.id);
    else if (row.visibility === "deleted") result.failed.push({ id: row.id, code: "deleted", reason: "The comment was deleted." });
    else return true;
    return false;
  });
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const row = todo[next++]!;
      try {
        await hideOnPlatform(deps, row);
        result.hidden.push(row.id);
      } catch (error) {
        result.failed.push({ id: row.id, code: "platform_refused", reason: reasonOf(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, todo.length) }, worker));

  if (result.hidden.length > 0) {
    await deps.db.transaction(async (tx) => {
      await tx
        .update(messages)
        .set({ visibility: "hidden", visibilityObservedAt: new Date() })
        .where(sql`${messages.id} = any(${sql.param(result.hidden)}::text[])`);
      await recordAuditBatch(
        tx,
        result.hidden.map((id) => ({
          workspaceId: actor.workspaceId,
          actorUserId: actor.userId,
          action: "message.hide",
          entityType: "message",
          entityId: id,
          before: { visibility: "visible" },
          after: { visibility: "hidden" },
        })),
      );
      // A hidden comment needs no answer: it leaves the queues resolved, and its SLA timer stops.
      const open = await lockMessages(
        tx,
        actor.workspaceId,
        sql`${messages.id} = any(${sql.param(result.hidden)}::text[]) and ${messages.status} <> 'closed'`,
        result.hidden.length,
      );
      await applyMessageChange(tx, { actor, targets: open, change: normalizeChange({ status: "closed" }), auditAction: "message.resolve_hidden" });
    });
  }
  return result;
}
