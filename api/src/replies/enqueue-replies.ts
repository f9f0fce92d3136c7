import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { replyOutbox } from "../db/schema/index.ts";
import type { Executor, OutboxRow } from "../db/types.ts";
import type { Actor } from "../auth/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { newId } from "../lib/ids.ts";
import type { PlannedSend } from "./send-rules.ts";
import type { ReplyTarget } from "./reply-target.ts";


/** The parts of an action, each its own row and key. */
export const PARTS = ["public", "private"] as const;

export interface QueuedSend extends PlannedSend {
  macroId: string | null;
  /** Distinguishes the rows of one action. */
  part: (typeof PARTS)[number];
}

/**
 * Whether this comment already has an Instagram Private Reply queued, in flight, sent, or
 * possibly sent (a failed attempt the platform may have received). Only a definite refusal
 * leaves the one allowed Private Reply unused.
 */
export async function privateReplyTaken(db: Executor, workspaceId: string, commentId: string): Promise<boolean> {
  const rows = await db
    .select({ id: replyOutbox.id })
    .from(replyOutbox)
    .where(
      and(
        eq(replyOutbox.workspaceId, workspaceId),
        eq(replyOutbox.kind, "private_reply"),
        sql`${replyOutbox.target}->>'commentId' = ${commentId}`,
        or(inArray(replyOutbox.status, ["queued", "sending", "sent"]), isNotNull(replyOutbox.uncertainSince)),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * Writes an action's sends to the outbox, audited, in one transaction. The idempotency key
 * makes a repeated request (double click, retried POST) return the rows it already queued.
 */
export async function enqueueReplies(
  db: Database,
  input: { actor: Pick<Actor, "userId" | "workspaceId">; target: ReplyTarget; sends: QueuedSend[]; idempotencyKey: string; action: string },
): Promise<OutboxRow[]> {
  const { actor, target, sends } = input;
  const actionId = newId("act");
  const keys = sends.map((s) => `${input.idempotencyKey}:${s.part}`);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(replyOutbox)
      .values(
        sends.map((send, i) => ({
          id: newId("obx"),
          workspaceId: actor.workspaceId,
          messageId: target.message.id,
          accountId: target.account.id,
          platform: send.platform,
          kind: send.kind,
          target: send.target,
          text: send.text,
          macroId: send.macroId,
          actorUserId: actor.userId,
          actionId,
          idempotencyKey: keys[i]!,
        })),
      )
      .onConflictDoNothing()
      .returning();
    for (const row of inserted) {
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        action: input.action,
        entityType: "reply_outbox",
        entityId: row.id,
        before: null,
        after: { messageId: row.messageId, kind: row.kind, macroId: row.macroId, text: row.text },
      });
    }
    return tx
      .select()
      .from(replyOutbox)
      .where(and(eq(replyOutbox.workspaceId, actor.workspaceId), inArray(replyOutbox.idempotencyKey, keys)))
      .orderBy(replyOutbox.createdAt);
  });
}

/** The rows an earlier request with this key queued: a retried request gets them back unchanged. */
export async function rowsForKey(db: Executor, workspaceId: string, idempotencyKey: string | undefined): Promise<OutboxRow[]> {
  if (!idempotencyKey) return [];
  return db
    .select()
    .from(replyOutbox)
    .where(and(eq(replyOutbox.workspaceId, workspaceId), inArray(replyOutbox.idempotencyKey, PARTS.map((part) => `${idempotencyKey}:${part}`))))
    .orderBy(replyOutbox.createdAt);
}

export function outboxItemView(row: OutboxRow) {
  return {
    id: row.id,
    messageId: row.messageId,
    platform: row.platform,
    kind: row.kind,
    text: row.text,
    macroId: row.macroId,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.status === "queued" || row.status === "sending" ? row.nextAttemptAt.toISOString() : null,
    sentAt: row.sentAt?.toISOString() ?? null,
    externalId: row.externalId,
    createdAt: row.createdAt.toISOString(),
    visibilityCheck: row.visibilityCheck,
    platformState: row.platformState,
  };
}
