import { asc, sql, type SQL } from "drizzle-orm";
import type { QueueSort } from "@surgedesk/shared";
import { messages } from "../db/schema/index.ts";
import type { QueueCursor } from "./queue-cursor.ts";

/**
 * Every order is a keyset on a unique key ending in the id, and every key runs one way, so a
 * page is an index range scan from the cursor on: (escalation_rank, created_at, id) ascending
 * for priority — rank 0 is high escalation — or (created_at, id) either way.
 */
export function queueOrderBy(sort: QueueSort): SQL[] {
  switch (sort) {
    case "priority":
      return [asc(messages.escalationRank), asc(messages.createdAt), asc(messages.id)];
    case "oldest":
      return [asc(messages.createdAt), asc(messages.id)];
    case "newest":
      // NULLS LAST as the indexes are built (drizzle's desc() indexes say so; a plain DESC sorts
      // nulls first, and the planner would sort the whole table rather than use them).
      return [sql`${messages.createdAt} desc nulls last`, sql`${messages.id} desc nulls last`];
  }
}

/** Rows strictly after the cursor in that order. */
export function afterCursor(cursor: QueueCursor): SQL {
  const createdAt = sql`${cursor.createdAt.toISOString()}::timestamptz`;
  switch (cursor.sort) {
    case "priority":
      return sql`(${messages.escalationRank}, ${messages.createdAt}, ${messages.id}) > (${cursor.escalationRank}::smallint, ${createdAt}, ${cursor.id})`;
    case "oldest":
      return sql`(${messages.createdAt}, ${messages.id}) > (${createdAt}, ${cursor.id})`;
    case "newest":
      return sql`(${messages.createdAt}, ${messages.id}) < (${createdAt}, ${cursor.id})`;
  }
}
