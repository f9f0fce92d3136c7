import { isDeepStrictEqual } from "node:util";
import { and, count, desc, eq, inArray } from "drizzle-orm";
import type { Note, OrderAction, OrderActionRequest } from "@surgedesk/shared";
import type { Actor } from "../../auth/actor.ts";
import type { Database } from "../../db/client.ts";
import type { Executor } from "../../db/types.ts";
import { messages, orderActions, users } from "../../db/schema/index.ts";
import { ApiError } from "../../errors/api-error.ts";
import { newId } from "../../lib/ids.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { addNote } from "../../notes/note-store.ts";
import type { PlannedAction } from "./plan-order-action.ts";

export type OrderActionRow = typeof orderActions.$inferSelect;

/** The rows as the console reads them, with who asked and who decided. */
export async function viewOrderActions(db: Executor, rows: readonly OrderActionRow[]): Promise<OrderAction[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.requestedByUserId, r.decidedByUserId]).filter((id): id is string => id !== null))];
  const people = ids.length === 0 ? [] : await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  const person = (id: string | null) => (id ? (people.find((p) => p.id === id) ?? { id, name: "a former user" }) : null);
  return rows.map((r) => ({
    id: r.id,
    messageId: r.messageId,
    kind: r.kind,
    status: r.status,
    plan: r.plan,
    requestedBy: person(r.requestedByUserId),
    decidedBy: person(r.decidedByUserId),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    result: r.result,
    externalId: r.externalId,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function viewOrderAction(db: Executor, row: OrderActionRow): Promise<OrderAction> {
  const [view] = await viewOrderActions(db, [row]);
  return view!;
}

/** The conversation's message the action is for, in the actor's workspace, or a 404. */
export async function requireMessage(db: Database, workspaceId: string, messageId: string): Promise<void> {
  const [row] = await db.select({ id: messages.id }).from(messages).where(and(eq(messages.id, messageId), eq(messages.workspaceId, workspaceId)));
  if (!row) throw new ApiError("not_found", `No message ${messageId} in this workspace.`);
}

const sameAction = (row: OrderActionRow, request: OrderActionRequest) =>
  // jsonb keeps keys in its own order: compare by value.
  row.kind === request.action.kind && isDeepStrictEqual(row.input, request.action) && row.messageId === request.messageId;

/** The action already recorded under this key, if any; a key reused for another action is a 409. */
export async function actionForKey(db: Executor, workspaceId: string, request: OrderActionRequest): Promise<OrderActionRow | null> {
  const [row] = await db.select().from(orderActions).where(and(eq(orderActions.workspaceId, workspaceId), eq(orderActions.idempotencyKey, request.idempotencyKey)));
  if (!row) return null;
  if (!sameAction(row, request)) throw new ApiError("conflict", "This idempotency key was already used for a different order action: make a new one for each confirmation.");
  return row;
}

/**
 * Records the action, exactly once per idempotency key: queued for the worker, or waiting for an
 * admin when its plan says so. The row and its audit entry are one transaction; a concurrent
 * request with the same key finds the row the other inserted.
 */
export async function recordOrderAction(db: Database, actor: Actor, request: OrderActionRequest, planned: PlannedAction, now: Date): Promise<{ row: OrderActionRow; created: boolean }> {
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(orderActions)
      .values({
        id: newId("oact"),
        workspaceId: actor.workspaceId,
        messageId: request.messageId,
        kind: request.action.kind,
        accountId: planned.accountId,
        input: request.action,
        plan: planned.plan,
        idempotencyKey: request.idempotencyKey,
        status: planned.plan.needsApproval ? "awaiting_approval" : "queued",
        requestedByUserId: actor.userId,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted) {
      const existing = await actionForKey(tx, actor.workspaceId, request);
      if (!existing) throw new ApiError("conflict", "The action could not be recorded: try again.");
      return { row: existing, created: false };
    }
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: inserted.status === "awaiting_approval" ? "order_action.approval_requested" : "order_action.queue",
      entityType: "order_action",
      entityId: inserted.id,
      before: null,
      after: { kind: inserted.kind, status: inserted.status, summary: planned.plan.summary, amount: planned.plan.amount, messageId: request.messageId },
    });
    return { row: inserted, created: true };
  });
}

/**
 * An admin's decision on a refund waiting for approval. Only a row still `awaiting_approval` moves
 * (a conditional update): two admins approving at once queue it once; the loser gets a 409.
 */
export async function decideOrderAction(
  db: Database,
  actor: Actor,
  id: string,
  decision: "approve" | "reject",
  note: string | undefined,
  now: Date,
): Promise<{ row: OrderActionRow; note: Note | null }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(orderActions)
      .set({
        status: decision === "approve" ? "queued" : "declined",
        decidedByUserId: actor.userId,
        decidedAt: now,
        nextAttemptAt: now,
        updatedAt: now,
        ...(decision === "reject" && { result: `Declined by ${actor.name}${note ? `: ${note}` : "."}`, doneAt: now }),
      })
      .where(and(eq(orderActions.id, id), eq(orderActions.workspaceId, actor.workspaceId), eq(orderActions.status, "awaiting_approval")))
      .returning();
    if (!row) {
      const [existing] = await tx.select({ status: orderActions.status }).from(orderActions).where(and(eq(orderActions.id, id), eq(orderActions.workspaceId, actor.workspaceId)));
      if (!existing) throw new ApiError("not_found", `No order action ${id}.`);
      throw new ApiError("conflict", `This action is not waiting for approval (it is ${existing.status.replace(/_/g, " ")}).`);
    }
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: decision === "approve" ? "order_action.approve" : "order_action.decline",
      entityType: "order_action",
      entityId: row.id,
      before: { status: "awaiting_approval" },
      after: { status: row.status, summary: row.plan.summary, amount: row.plan.amount, ...(note && { note }) },
    });
    if (row.status === "declined" && row.messageId && row.result) {
      const posted = await addNote(tx, { workspaceId: row.workspaceId, messageId: row.messageId, authorUserId: null, body: `${row.plan.summary.replace(/\.$/, "")}: not done. ${row.result}` });
      if (posted) await tx.update(orderActions).set({ noteId: posted.id }).where(eq(orderActions.id, row.id));
      return { row, note: posted };
    }
    return { row, note: null };
  });
}

/** How many refunds wait for an admin's approval in the workspace. */
export async function countAwaitingApproval(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ waiting: count() })
    .from(orderActions)
    .where(and(eq(orderActions.workspaceId, workspaceId), eq(orderActions.status, "awaiting_approval")));
  return Number(row?.waiting ?? 0);
}

export function listOrderActions(db: Database, workspaceId: string, filter: { messageId?: string | undefined; awaitingApproval?: boolean }) {
  return db
    .select()
    .from(orderActions)
    .where(
      and(
        eq(orderActions.workspaceId, workspaceId),
        filter.messageId ? eq(orderActions.messageId, filter.messageId) : undefined,
        filter.awaitingApproval ? eq(orderActions.status, "awaiting_approval") : undefined,
      ),
    )
    .orderBy(desc(orderActions.createdAt))
    .limit(100);
}
