import { sql } from "drizzle-orm";
import type { Label } from "@surgedesk/shared";
import { queryRows } from "../db/client.ts";
import type { Executor } from "../db/types.ts";

/** A label that says what the case is: a photo or a "thanks" (other) does not. */
export function saysTheCase(label: Label | null): boolean {
  return label !== null && label !== "other";
}

/** A case type as a message carries it. */
export interface CaseType {
  label: Label;
  labelScore: number | null;
  needsLabel: boolean;
}

/**
 * The case type an item row takes from its conversation when its own text says nothing of the
 * case: that of the customer's latest earlier message that does (plan-items.ts does the same at
 * ingest). Null for a message that is not an item row, or whose conversation never said.
 */
export async function conversationCaseType(db: Executor, messageId: string): Promise<CaseType | null> {
  const [row] = await queryRows<{ label: Label; label_score: number | null; needs_label: boolean }>(
    db,
    sql`select e.label, e.label_score, e.needs_label
        from messages m
        join messages e on e.conversation_key = m.conversation_key and e.id <> m.id
        where m.id = ${messageId} and m.is_item and e.direction = 'inbound' and e.created_at <= m.created_at
          and e.label is not null and e.label <> 'other'
        order by e.created_at desc, e.external_id desc
        limit 1`,
  );
  return row ? { label: row.label, labelScore: row.label_score, needsLabel: row.needs_label } : null;
}
