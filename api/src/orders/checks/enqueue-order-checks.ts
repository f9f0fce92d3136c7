import { and, inArray, lt, sql } from "drizzle-orm";
import { LABELS, LABEL_INFO } from "@surgedesk/shared";
import { orderChecks } from "../../db/schema/index.ts";
import type { Executor, Tx } from "../../db/types.ts";

/** The labels whose messages are about an order: those get their order looked up after ingestion. */
const ORDER_ISSUE_LABELS = LABELS.filter((label) => LABEL_INFO[label].orderIssue);

/**
 * Gives each new inbound order-issue message of an ingest batch its background order check, in
 * the batch's transaction (so a retried batch adds none twice, and a rolled-back one none at all).
 * One statement that asks no shop: the batch never waits on a platform. Due `delayMs` later, so a
 * buyer's burst of messages is checked together (one lookup for the lot).
 */
export async function enqueueOrderChecks(tx: Tx, messageIds: readonly string[], delayMs: number): Promise<void> {
  if (messageIds.length === 0) return;
  await tx.execute(
    sql`insert into order_checks (message_id, workspace_id, buyer_key, due_at)
        select m.id, m.workspace_id, coalesce(m.contact_id, m.account_id || ':' || m.author_external_id), now() + ${delayMs}::int * interval '1 millisecond'
        from messages m
        where m.id = any(${sql.param([...messageIds])}::text[])
          and m.direction = 'inbound'
          and m.label = any(${sql.param(ORDER_ISSUE_LABELS)}::text[])
        on conflict (message_id) do nothing`,
  );
}

/**
 * Queues an order check, due now, for messages an agent (or a rule, or an undo) just labelled with
 * an order-issue label: the ingest path checked only what the model labelled an order issue, so a
 * message relabelled from "Other" to "Not received" would otherwise never have its order looked
 * up or its escalation rules run. A settled check (from an earlier order-issue label) is queued
 * again, as the rules depend on the label; one already queued or running is left alone. Inbound
 * messages only, in the change's transaction.
 */
export async function queueOrderChecksAfterRelabel(tx: Executor, messageIds: readonly string[]): Promise<void> {
  if (messageIds.length === 0) return;
  await tx.execute(
    sql`insert into order_checks (message_id, workspace_id, buyer_key, due_at)
        select m.id, m.workspace_id, coalesce(m.contact_id, m.account_id || ':' || m.author_external_id), now()
        from messages m
        where m.id = any(${sql.param([...messageIds])}::text[])
          and m.direction = 'inbound'
          and m.label = any(${sql.param(ORDER_ISSUE_LABELS)}::text[])
        on conflict (message_id) do update
          set status = 'queued', due_at = now(), attempts = 0, last_error = null
          where order_checks.status <> 'queued'`,
  );
}

/** How long a settled check is kept (its outcome, for someone asking why a message was escalated). */
const SETTLED_RETENTION_DAYS = 7;

/** Deletes settled and given-up checks older than a week: nothing acts on them any more. Run by housekeeping. */
export async function pruneOrderChecks(db: Executor, now: Date): Promise<number> {
  const before = new Date(now.getTime() - SETTLED_RETENTION_DAYS * 24 * 3_600_000);
  const rows = await db
    .delete(orderChecks)
    .where(and(inArray(orderChecks.status, ["done", "dead"]), lt(orderChecks.createdAt, before)))
    .returning({ id: orderChecks.messageId });
  return rows.length;
}
