import { and, count } from "drizzle-orm";
import type { MessageFilter } from "@surgedesk/shared";
import type { Database } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import { filterConditions, type FilterScope } from "./message-filter-sql.ts";

/** How many messages a filter matches: the number a bulk change on that filter would touch. */
export async function countMatching(db: Database, scope: FilterScope, filter: MessageFilter): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(messages)
    .where(and(...filterConditions(filter, scope)));
  return row?.n ?? 0;
}
