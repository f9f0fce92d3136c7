import { and, eq, sql, type SQL } from "drizzle-orm";
import { QUEUE_IDS, QUEUES, type QueueCount } from "@surgedesk/shared";
import type { Database } from "../db/client.ts";
import { messageFirstResponses, messages } from "../db/schema/index.ts";
import { filterConditions, slaBreachedCondition, slaWarningCondition, type FilterScope } from "./message-filter-sql.ts";

/**
 * Each queue's size and its first-response warnings and breaches counted again from the messages
 * themselves: one pass over the workspace's messages (joined once to the first responses), every
 * queue a FILTER of it, by the same filter translation as the lists. The reference the kept counts
 * (queue-counts.ts) must equal, in tests and after `pnpm bench:queues`; at a million messages it
 * takes over a second, so the sidebar never runs it.
 */
export async function recountQueues(db: Database, scope: FilterScope): Promise<QueueCount[]> {
  const joined: FilterScope = { ...scope, firstResponsesJoined: true };
  const warning = slaWarningCondition(joined);
  const breached = slaBreachedCondition(joined);
  const columns: Record<string, SQL.Aliased<number>> = {};
  for (const id of QUEUE_IDS) {
    const inQueue = and(...filterConditions({ queue: id }, joined))!;
    columns[`${id}_count`] = sql<number>`count(*) filter (where ${inQueue})`.mapWith(Number).as(`${id}_count`);
    // A closed message has no timer running: done's warnings and breaches are zero by definition.
    if (QUEUES[id].statuses?.includes("closed")) continue;
    columns[`${id}_warning`] = sql<number>`count(*) filter (where ${inQueue} and ${warning})`.mapWith(Number).as(`${id}_warning`);
    columns[`${id}_breached`] = sql<number>`count(*) filter (where ${inQueue} and ${breached})`.mapWith(Number).as(`${id}_breached`);
  }
  const [row] = await db
    .select(columns)
    .from(messages)
    .leftJoin(messageFirstResponses, eq(messageFirstResponses.messageId, messages.id))
    .where(eq(messages.workspaceId, scope.workspaceId));
  return QUEUE_IDS.map((id) => ({
    id,
    title: QUEUES[id].title,
    description: QUEUES[id].description,
    sort: QUEUES[id].sort,
    count: row?.[`${id}_count`] ?? 0,
    slaWarning: row?.[`${id}_warning`] ?? 0,
    slaBreached: row?.[`${id}_breached`] ?? 0,
  }));
}
