import { sql } from "drizzle-orm";
import { ESCALATION_LEVELS, type EscalationLevel, type Label, type MessageStatus } from "@surgedesk/shared";
import { queryRows } from "../db/client.ts";
import type { Executor } from "../db/types.ts";
import { messages } from "../db/schema/index.ts";
import { applyMessageChange, lockMessages } from "../triage/apply-message-change.ts";
import { normalizeChange } from "../triage/message-change.ts";

/** The row that stands for a conversation's item now: what a newer message of it takes over. */
export interface CurrentItem {
  id: string;
  conversationKey: string;
  externalId: string;
  status: MessageStatus;
  assigneeId: string | null;
  label: Label | null;
  labelScore: number | null;
  labelSource: "model" | "agent";
  needsLabel: boolean;
  escalationLevel: EscalationLevel | null;
  escalationScore: number | null;
  createdAt: Date;
  /** The brand has answered it: the customer's next message starts a new first-response timer. */
  answered: boolean;
  slaPolicyId: string | null;
  slaWarningAt: Date | null;
  slaBreachAt: Date | null;
}

/**
 * The current item rows of these conversations, locked (FOR UPDATE, in id order) until the
 * batch commits: a concurrent batch with a message for the same conversation waits here and
 * then sees this batch's item, so a conversation keeps one item row.
 */
export async function lockCurrentItems(db: Executor, keys: readonly string[]): Promise<Map<string, CurrentItem>> {
  if (keys.length === 0) return new Map();
  const rows = await queryRows<{
    id: string;
    conversation_key: string;
    external_id: string;
    status: MessageStatus;
    assignee_id: string | null;
    label: Label | null;
    label_score: number | null;
    label_source: "model" | "agent";
    needs_label: boolean;
    escalation_level: EscalationLevel | null;
    escalation_score: number | null;
    created_at: string | Date;
    answered: boolean;
    sla_policy_id: string | null;
    sla_warning_at: string | Date | null;
    sla_breach_at: string | Date | null;
  }>(
    db,
    sql`select m.id, m.conversation_key, m.external_id, m.status, m.assignee_id, m.label, m.label_score, m.label_source, m.needs_label, m.escalation_level, m.escalation_score, m.created_at,
               exists (select 1 from message_first_responses r where r.message_id = m.id) as answered,
               m.sla_policy_id, m.sla_warning_at, m.sla_breach_at
        from messages m
        where m.conversation_key = any(${sql.param([...new Set(keys)])}::text[]) and m.is_item
        order by m.id
        for update of m`,
  );
  const asDate = (value: string | Date | null) => (value === null ? null : new Date(value));
  return new Map(
    rows.map((row) => [
      row.conversation_key,
      {
        id: row.id,
        conversationKey: row.conversation_key,
        externalId: row.external_id,
        status: row.status,
        assigneeId: row.assignee_id,
        label: row.label,
        labelScore: row.label_score,
        labelSource: row.label_source,
        needsLabel: row.needs_label,
        escalationLevel: row.escalation_level,
        escalationScore: row.escalation_score,
        createdAt: new Date(row.created_at),
        answered: row.answered,
        slaPolicyId: row.sla_policy_id,
        slaWarningAt: asDate(row.sla_warning_at),
        slaBreachAt: asDate(row.sla_breach_at),
      },
    ]),
  );
}

/** The more urgent of two escalations (an item's is its most urgent open message's). */
type Escalated = { escalationLevel: EscalationLevel | null; escalationScore: number | null };
export function higherEscalation<A extends Escalated, B extends Escalated>(a: A, b: B): A | B {
  const rank = (level: EscalationLevel | null) => (level === null ? -1 : ESCALATION_LEVELS.indexOf(level));
  return rank(b.escalationLevel) > rank(a.escalationLevel) ? b : a;
}

/** What a batch decided about one conversation's item (plan-items.ts). */
export interface ItemHandOver {
  /** The item row before the batch, now history within the item. */
  fromId: string;
  /** The batch's message that stands for the item from now on. */
  toId: string;
}

/**
 * After the batch's messages are inserted: the replaced item rows step back (is_item false) and
 * hand their tags on to the new ones; item rows that stay (a newer one was already stored) but
 * got a new customer message are open again. In the batch's transaction, so the queue tallies'
 * triggers move every count with it.
 */
export async function applyItemHandOvers(db: Executor, handOvers: readonly ItemHandOver[], reopen: readonly { id: string; workspaceId: string }[]): Promise<void> {
  if (handOvers.length > 0) {
    const from = sql.param(handOvers.map((h) => h.fromId));
    const to = sql.param(handOvers.map((h) => h.toId));
    await db.execute(sql`update messages set is_item = false where id = any(${from}::text[])`);
    await db.execute(
      sql`update item_tags t set message_id = h.to_id
          from unnest(${from}::text[], ${to}::text[]) as h(from_id, to_id)
          where t.message_id = h.from_id`,
    );
  }
  // An item reopened by its customer is a change like an agent's: audited (with no user), and
  // its clock, spike backlog and label counts move with it in this transaction.
  for (const workspaceId of new Set(reopen.map((r) => r.workspaceId))) {
    const ids = reopen.filter((r) => r.workspaceId === workspaceId).map((r) => r.id);
    const targets = await lockMessages(db, workspaceId, sql`${messages.id} = any(${sql.param(ids)}::text[])`, ids.length);
    await applyMessageChange(db, { actor: { userId: null, workspaceId }, targets, change: normalizeChange({ status: "open" }), auditAction: "message.reopened_by_customer" });
  }
}
