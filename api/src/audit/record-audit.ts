import type { Executor } from "../db/types.ts";
import { sql } from "drizzle-orm";
import { auditEvents } from "../db/schema/index.ts";
import { newId } from "../lib/ids.ts";

export interface AuditEntry {
  workspaceId: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** Appends who changed what, with the state before and after, in the caller's transaction. */
export async function recordAudit(db: Executor, entry: AuditEntry) {
  await db.insert(auditEvents).values({ id: newId("audit"), ...entry });
}

/**
 * Many entries in one statement (a bulk change writes one per message), as column arrays so the
 * statement's size does not grow with the entries' count.
 */
export async function recordAuditBatch(db: Executor, entries: readonly AuditEntry[]) {
  if (entries.length === 0) return;
  const column = <T>(pick: (entry: AuditEntry) => T) => sql.param(entries.map(pick));
  await db.execute(
    sql`insert into ${auditEvents} (id, workspace_id, actor_user_id, action, entity_type, entity_id, before, after)
        select * from unnest(
          ${sql.param(entries.map(() => newId("audit")))}::text[], ${column((e) => e.workspaceId)}::text[],
          ${column((e) => e.actorUserId)}::text[], ${column((e) => e.action)}::text[], ${column((e) => e.entityType)}::text[],
          ${column((e) => e.entityId)}::text[], ${column((e) => (e.before == null ? null : JSON.stringify(e.before)))}::jsonb[],
          ${column((e) => (e.after == null ? null : JSON.stringify(e.after)))}::jsonb[]
        )`,
  );
}
