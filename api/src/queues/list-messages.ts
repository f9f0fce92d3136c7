import { and, inArray } from "drizzle-orm";
import { QUEUES, type MessageListQuery, type MessagePage } from "@surgedesk/shared";
import type { Database } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import { selectMessageRows, toApiMessage } from "../messages/message-row.ts";
import { decodeQueueCursor, encodeQueueCursor } from "./queue-cursor.ts";
import { filterConditions, type FilterScope } from "./message-filter-sql.ts";
import { afterCursor, queueOrderBy } from "./queue-order.ts";

/**
 * One page of a queue, keyset-paginated in the queue's order: each page starts strictly after
 * the last row of the previous one, so rows arriving meanwhile never shift a page and nothing is
 * served twice or skipped.
 */
export async function listMessages(db: Database, scope: FilterScope, query: MessageListQuery): Promise<MessagePage> {
  const sort = query.sort ?? QUEUES[query.queue ?? "all"].sort;
  const conditions = filterConditions(query, scope);
  if (query.ids) conditions.push(inArray(messages.id, query.ids.length > 0 ? query.ids : [""]));
  if (query.cursor) conditions.push(afterCursor(decodeQueueCursor(query.cursor, sort)));
  // The page's keys first, on the messages alone (an index range scan), then its rows by id:
  // joined in one statement, the planner may join everything before it limits.
  const keys = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(...conditions))
    .orderBy(...queueOrderBy(sort))
    .limit(query.limit + 1);
  const found = keys.length > 0 ? await selectMessageRows(db).where(inArray(messages.id, keys.map((k) => k.id))) : [];
  const byId = new Map(found.map((row) => [row.message.id, row]));
  const rows = keys.flatMap((key) => byId.get(key.id) ?? []);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1)?.message;
  return {
    items: page.map(toApiMessage),
    nextCursor:
      rows.length > query.limit && last
        ? encodeQueueCursor({ sort, escalationRank: last.escalationRank, createdAt: last.createdAt, id: last.id })
        : null,
  };
}
