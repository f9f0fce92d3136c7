import { and, sql, type SQL } from "drizzle-orm";
import { SLA_PAUSED_STATUSES, type EscalationLevel, type Label, type MessageDirection, type MessageStatus } from "@surgedesk/shared";
import { recordAuditBatch } from "../audit/record-audit.ts";
import { queryRows } from "../db/client.ts";
import { labelCorrections, messages } from "../db/schema/index.ts";
import type { Executor } from "../db/types.ts";
import { newId } from "../lib/ids.ts";
import { queueOrderChecksAfterRelabel } from "../orders/checks/enqueue-order-checks.ts";
import { pauseSlaClocks, recomputeSlaClocks, resumeSlaClocks } from "../sla/sla-clocks.ts";
import { recordMessageChange } from "../spikes/metrics/record-message-change.ts";
import { diffMessage, type ChangeableMessage, type ChangedField, type FieldValues, type MessageChange } from "./message-change.ts";

/** A message as locked for a change: the changeable fields plus what a label correction keeps. */
export interface LockedMessage extends ChangeableMessage {
  text: string;
  modelVersion: string | null;
  direction: MessageDirection;
  createdAt: Date;
}

export interface AppliedChange {
  id: string;
  before: FieldValues;
  after: FieldValues;
}

const CORRECTIONS_PER_INSERT = 1_000;

/**
 * Locks the messages matching `where` in the actor's workspace (FOR UPDATE, in a stable order
 * so two bulk changes never deadlock) and returns what a change needs to know about them.
 */
export async function lockMessages(tx: Executor, workspaceId: string, where: SQL, limit: number): Promise<LockedMessage[]> {
  const rows = await queryRows<{
    id: string;
    workspace_id: string;
    status: MessageStatus;
    snoozed_until: string | Date | null;
    label: Label | null;
    label_source: "model" | "agent";
    assignee_id: string | null;
    escalation_level: EscalationLevel | null;
    text: string;
    direction: MessageDirection;
    created_at: string | Date;
    model_version: string | null;
  }>(
    tx,
    sql`select id, workspace_id, status, snoozed_until, label, label_source, assignee_id, escalation_level, text, direction, created_at,
               classification->>'modelVersion' as model_version
        from ${messages}
        where ${and(sql`${messages.workspaceId} = ${workspaceId}`, where)}
        order by id
        limit ${limit}
        for update`,
  );
  return rows.map((row) => ({
    id: row.id,
    workspaceId: row.workspace_id,
    status: row.status,
    snoozedUntil: row.snoozed_until === null ? null : new Date(row.snoozed_until),
    label: row.label,
    labelSource: row.label_source,
    assigneeId: row.assignee_id,
    escalationLevel: row.escalation_level,
    text: row.text,
    modelVersion: row.model_version,
    direction: row.direction,
    createdAt: new Date(row.created_at),
  }));
}

function setOf(fields: ChangedField[], change: MessageChange): Partial<typeof messages.$inferInsert> {
  const set: Partial<typeof messages.$inferInsert> = {};
  for (const field of fields) {
    if (field === "status") set.status = change.status!;
    if (field === "snoozedUntil") set.snoozedUntil = change.snoozedUntil ?? null;
    if (field === "assigneeId") set.assigneeId = change.assigneeId ?? null;
    if (field === "escalationLevel") set.escalationLevel = change.escalationLevel ?? null;
    if (field === "label") set.label = change.label ?? null;
    if (field === "labelSource") set.labelSource = change.labelSource ?? "model";
    // A label an agent set or confirmed is settled: the message leaves "Needs a label".
    if ((field === "label" || field === "labelSource") && change.labelSource === "agent") set.needsLabel = false;
  }
  return set;
}

/**
 * Applies one change to locked messages in the caller's transaction: only the fields that
 * differ on each message are written, a new label is stored as a correction for retraining,
 * and every changed message gets an audit entry with its before and after. Set-based: one
 * UPDATE per distinct set of changed fields, whatever the number of messages.
 */
export async function applyMessageChange(
  tx: Executor,
  options: {
    /** A user, or Surgedesk itself (a moderation rule: no user). */
    actor: { userId: string | null; workspaceId: string };
    targets: readonly LockedMessage[];
    change: MessageChange;
    auditAction: string;
    /** Recorded in each audit entry of a bulk change, to find them together. */
    bulkActionId?: string;
    /** A new label by an agent is a correction for retraining; an undo's restored label is not. */
    recordCorrections?: boolean;
  },
): Promise<AppliedChange[]> {
  const { actor, targets, change } = options;
  const applied: (AppliedChange & { target: LockedMessage })[] = [];
  for (const target of targets) {
    const { before, after } = diffMessage(target, change);
    if (Object.keys(after).length > 0) applied.push({ id: target.id, before, after, target });
  }
  if (applied.length === 0) return [];

  const groups = new Map<string, string[]>();
  for (const item of applied) {
    const key = Object.keys(item.after).sort().join(",");
    const ids = groups.get(key);
    if (ids) ids.push(item.id);
    else groups.set(key, [item.id]);
  }
  for (const [key, ids] of groups) {
    await tx
      .update(messages)
      .set(setOf(key.split(",") as ChangedField[], change))
      .where(sql`${messages.id} = any(${sql.param(ids)}::text[])`);
  }

  const newLabel = change.label;
  const corrections = applied
    .filter((item) => options.recordCorrections !== false && newLabel && change.labelSource === "agent" && item.after.label !== undefined)
    .map(({ target }) => ({
      id: newId("corr"),
      workspaceId: target.workspaceId,
      messageId: target.id,
      userId: actor.userId,
      fromLabel: target.label,
      toLabel: newLabel!,
      text: target.text,
      modelVersion: target.modelVersion,
    }));
  for (let i = 0; i < corrections.length; i += CORRECTIONS_PER_INSERT) {
    await tx.insert(labelCorrections).values(corrections.slice(i, i + CORRECTIONS_PER_INSERT));
  }

  // Backlog and label counts in the spike metrics follow each change, in the same transaction.
  const at = new Date();
  // So do the SLA clocks: out of pending or snooze the clock runs again, into them it stops, and a new label
  // may be another policy's, and so may a new escalation level.
  const ids = (pick: (item: (typeof applied)[number]) => boolean) => applied.filter(pick).map((item) => item.id);
  const paused = (status: string | null | undefined) => SLA_PAUSED_STATUSES.includes(status as MessageStatus);
  await resumeSlaClocks(tx, actor.workspaceId, ids((item) => paused(item.target.status) && item.after.status !== undefined && !paused(item.after.status)), at);
  await pauseSlaClocks(tx, ids((item) => paused(item.after.status)), at);
  await recomputeSlaClocks(tx, actor.workspaceId, ids((item) => item.after.label !== undefined || item.after.escalationLevel !== undefined), at);
  // A message given an order-issue label has its order looked up in the background, as ingestion does.
  await queueOrderChecksAfterRelabel(tx, ids((item) => item.after.label !== undefined && item.after.label !== null));
  for (const { target, after } of applied) {
    if (after.status === undefined && after.label === undefined) continue;
    const before = { id: target.id, direction: target.direction, status: target.status, label: target.label, createdAt: target.createdAt };
    await recordMessageChange(tx, before, { ...before, status: change.status ?? target.status, label: change.label !== undefined ? change.label : target.label }, at);
  }

  await recordAuditBatch(
    tx,
    applied.map((item) => ({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: options.auditAction,
      entityType: "message",
      entityId: item.id,
      before: item.before,
      after: options.bulkActionId ? { ...item.after, bulkActionId: options.bulkActionId } : item.after,
    })),
  );
  return applied.map(({ id, before, after }) => ({ id, before, after }));
}
