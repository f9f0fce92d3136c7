import { sql } from "drizzle-orm";
import { queryRows } from "../db/client.ts";
import type { Executor } from "../db/types.ts";
import type { RateLimit } from "../connectors/contract.ts";

const MINUTE_MS = 60_000;

/** The calendar minute `at` falls in: a budget's window. */
export const minuteOf = (at: Date) => new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);

export type CallTaken = { taken: true } | { taken: false; nextWindowAt: Date };

/**
 * Takes one call from an account's budget on an endpoint for the current minute, in one
 * statement that every process shares (the row is the counter): at most `perMinute` calls are
 * taken in a minute whatever the number of processes. When the minute is spent, says when the
 * next one starts. Fixed minutes allow a burst of up to twice the budget across a minute's
 * boundary; a platform that counts a sliding minute and throttles then is handled as any throttle.
 */
export async function takeCall(db: Executor, accountId: string, limit: RateLimit, now: Date): Promise<CallTaken> {
  const windowStart = minuteOf(now);
  const rows = await queryRows<{ used: number }>(
    db,
    sql`insert into platform_call_budgets (account_id, endpoint, window_start, used, per_minute)
        values (${accountId}, ${limit.endpoint}, ${windowStart.toISOString()}::timestamptz, 1, ${limit.perMinute})
        on conflict (account_id, endpoint, window_start) do update
          set used = platform_call_budgets.used + 1, per_minute = excluded.per_minute
          where platform_call_budgets.used < excluded.per_minute
        returning used`,
  );
  return rows.length > 0 ? { taken: true } : { taken: false, nextWindowAt: new Date(windowStart.getTime() + MINUTE_MS) };
}

/** Budget minutes older than an hour: nothing reads them any more. */
export async function pruneCallBudgets(db: Executor, now: Date): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`with gone as (delete from platform_call_budgets where window_start < ${new Date(now.getTime() - 60 * MINUTE_MS).toISOString()}::timestamptz returning 1)
        select count(*)::int as n from gone`,
  );
  return rows[0]?.n ?? 0;
}
