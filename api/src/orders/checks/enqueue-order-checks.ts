import { sql } from "drizzle-orm";
import { LABELS, LABEL_INFO } from "@surgedesk/shared";
import type { Tx } from "../../db/types.ts";

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
