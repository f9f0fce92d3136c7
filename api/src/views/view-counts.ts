import { and, sql, type SQL } from "drizzle-orm";
import { SAVED_VIEW_COUNT_CAP, type SavedView, type SavedViewCount } from "@surgedesk/shared";
import { queryRows, type Database } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import { filterConditions, type FilterScope } from "../queues/message-filter-sql.ts";

/**
 * One view's bounded count: the matching keys, read through the same conditions (and so the
 * same partial and keyset indexes) as the list, stopping at the cap plus one. A view with
 * arbitrary filters cannot use the queue tallies, and an exact count of a large queue reads all
 * of it; past the cap the sidebar says "1,000+", and costs at most cap + 1 index entries.
 */
export function boundedCountQuery(scope: FilterScope, view: Pick<SavedView, "id" | "filter">, cap = SAVED_VIEW_COUNT_CAP): SQL {
  return sql`select ${view.id}::text as id, count(*)::int as n from (
      select 1 from ${messages} where ${and(...filterConditions(view.filter, scope))} limit ${cap + 1}
    ) matched`;
}

/** Every view's bounded count in one statement (one snapshot). */
export async function countViews(db: Database, scope: FilterScope, views: readonly Pick<SavedView, "id" | "filter">[], cap = SAVED_VIEW_COUNT_CAP): Promise<SavedViewCount[]> {
  if (views.length === 0) return [];
  const rows = await queryRows<{ id: string; n: number }>(db, sql.join(views.map((view) => sql`(${boundedCountQuery(scope, view, cap)})`), sql` union all `));
  const byId = new Map(rows.map((row) => [row.id, Number(row.n)]));
  return views.map((view) => {
    const n = byId.get(view.id) ?? 0;
    return { id: view.id, count: Math.min(n, cap), capped: n > cap };
  });
}
