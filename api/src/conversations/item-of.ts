import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { queryRows } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import type { Executor } from "../db/types.ts";

/**
 * The id of the item row `row` (a messages alias, or the messages table) belongs to: its own when
 * it stands for its item or has no conversation, otherwise its conversation's item row (found by
 * the conversation index). The one lookup behind `itemsOf` and the API's `itemId`.
 */
export function itemIdOfRow(row: { id: SQL | AnyColumn; isItem: SQL | AnyColumn; conversationKey: SQL | AnyColumn }): SQL {
  return sql`case when ${row.isItem} or ${row.conversationKey} is null then ${row.id}
    else coalesce((select i.id from messages i where i.conversation_key = ${row.conversationKey} and i.is_item limit 1), ${row.id}) end`;
}

/**
 * The item rows of these messages: a message's own row when it stands for its item, otherwise
 * its conversation's item row. An agent acts on the item: a status, assignee, label or tag set
 * from an older message of a conversation (a list or a tab opened before the buyer wrote again)
 * lands on the conversation's item, not on a row no queue shows.
 */
export function itemsOf(ids: readonly string[]): SQL {
  const m = { id: sql.raw("m.id"), isItem: sql.raw("m.is_item"), conversationKey: sql.raw("m.conversation_key") };
  return sql`${messages.id} in (select ${itemIdOfRow(m)} from messages m where m.id = any(${sql.param([...ids])}::text[]))`;
}

/** The id of the item a message of the workspace belongs to (see `itemsOf`); null when there is no such message. */
export async function itemIdOf(db: Executor, workspaceId: string, id: string): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`select ${messages.id} as id from ${messages} where ${messages.workspaceId} = ${workspaceId} and ${itemsOf([id])} limit 1`,
  );
  return row?.id ?? null;
}

/**
 * `column` (a message id) is one of the messages of `messageId`'s item: what the team wrote on
 * a conversation — replies, notes — reads as one history whichever of its messages it was on.
 */
export function inSameItem(column: SQL | AnyColumn, messageId: string): SQL {
  return sql`${column} in (
    select m.id from messages m where m.id = ${messageId}
    union all
    select m.id from messages m
    where m.conversation_key = (select c.conversation_key from messages c where c.id = ${messageId}) and m.id <> ${messageId})`;
}
