import { sql, type SQL } from "drizzle-orm";
import { QUEUE_IDS, QUEUES, type EscalationLevel, type Label, type MessageDirection, type MessageStatus, type QueueCount } from "@surgedesk/shared";
import { queryRows, type Database } from "../db/client.ts";
import { compactQueueTallies } from "./compact-queue-tallies.ts";
import type { FilterScope } from "./message-filter-sql.ts";
import { awaitingFirstResponse, queueIncludes, type TallyKey } from "./queue-membership.ts";

/** Past this many deltas not yet folded in, a read folds them (housekeeping does every minute). */
export const COMPACT_AFTER_DELTAS = 1_000;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

interface Row {
  part: "all" | "before_breach" | "before_warning" | "deltas";
  status: MessageStatus;
  label: Label | null;
  needs_label: boolean;
  escalation_level: EscalationLevel | null;
  direction: MessageDirection;
  answered: boolean;
  n: number;
}

const tallyKeyColumns = sql.raw("status, label, needs_label, escalation_level");

/** A tally's rows of one granularity within [from, to), kept and not yet folded in alike. */
function tallyRange(workspaceId: string, bucketSeconds: number, from: Date, to: Date | null): SQL {
  const range = sql`workspace_id = ${workspaceId} and bucket_seconds = ${bucketSeconds} and bucket_start >= ${from.toISOString()}::timestamptz
                    ${to ? sql`and bucket_start < ${to.toISOString()}::timestamptz` : sql``}`;
  return sql`select ${tallyKeyColumns}, n from queue_tallies where ${range}
             union all select ${tallyKeyColumns}, n from queue_tally_deltas where ${range}`;
}

/** The bucket families of one deadline (db/schema/queue-tallies.ts): breach 60/3600, warning -60/-3600. */
const DEADLINES = {
  breach: { sign: 1, column: sql.raw("sla_breach_at") },
  warning: { sign: -1, column: sql.raw("sla_warning_at") },
} as const;

/**
 * Messages waiting for a first answer whose deadline is still ahead of `now` (or who have none,
 * or a stopped clock: the end-of-time bucket), per tally key: whole hours from the hourly
 * buckets, the rest of `now`'s hour from the minute buckets, and the rest of its minute from the
 * messages themselves (an index range over one minute of deadlines). Exact, and it reads only
 * buckets ahead of now whatever the inbox holds.
 */
function notYetDue(part: Row["part"], workspaceId: string, deadline: keyof typeof DEADLINES, now: Date): SQL {
  const { sign, column } = DEADLINES[deadline];
  const minuteEnd = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  const hourEnd = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
  return sql`select ${part} as part, ${tallyKeyColumns}, 'inbound' as direction, false as answered, sum(n)::int as n from (
      ${tallyRange(workspaceId, sign * 3600, hourEnd, null)}
      union all ${tallyRange(workspaceId, sign * 60, minuteEnd, hourEnd)}
      union all select m.status, m.label, m.needs_label, m.escalation_level, 1 from messages m
        where m.workspace_id = ${workspaceId} and m.${column} > ${now.toISOString()}::timestamptz
          and m.${column} < ${minuteEnd.toISOString()}::timestamptz
          and m.direction = 'inbound' and m.status = 'open' and m.is_item
          and not exists (select 1 from message_first_responses r where r.message_id = m.id)
    ) w group by ${tallyKeyColumns}`;
}

/** The one statement `queueCounts` reads (exported for `pnpm bench:queues --explain`). */
export function queueCountsQuery({ workspaceId, now }: Pick<FilterScope, "workspaceId" | "now">): SQL {
  return sql`select 'all' as part, ${tallyKeyColumns}, direction, answered, sum(n)::int as n from (
          select ${tallyKeyColumns}, direction, answered, n from queue_tallies where workspace_id = ${workspaceId} and bucket_seconds = 0
          union all select ${tallyKeyColumns}, direction, answered, n from queue_tally_deltas where workspace_id = ${workspaceId} and bucket_seconds = 0
        ) t group by ${tallyKeyColumns}, direction, answered
        union all ${notYetDue("before_breach", workspaceId, "breach", now)}
        union all ${notYetDue("before_warning", workspaceId, "warning", now)}
        union all select 'deltas', 'open', null, false, null, 'inbound', false, count(*)::int from queue_tally_deltas where workspace_id = ${workspaceId}`;
}

/**
 * Each queue's size and its first-response warnings and breaches, for the sidebar, from the kept
 * tallies (db/schema/queue-tallies.ts) in one statement, so one snapshot: the workspace's tally
 * rows (a few hundred) give every queue's size and how many of it wait for an answer; the waiting
 * ones whose breach and warning times are still ahead (`notYetDue`) split those into breached,
 * warning and on time. Equal to `recountQueues` at any moment, without reading the messages.
 */
export async function queueCounts(db: Database, scope: FilterScope): Promise<QueueCount[]> {
  const rows = await queryRows<Row>(db, queueCountsQuery(scope));
  const keyOf = (row: Row): TallyKey => ({
    status: row.status,
    label: row.label,
    needsLabel: row.needs_label,
    escalationLevel: row.escalation_level,
    direction: row.direction,
    answered: row.answered,
  });
  const sum = (part: Row["part"], include: (key: TallyKey) => boolean) =>
    rows.reduce((total, row) => (row.part === part && include(keyOf(row)) ? total + Number(row.n) : total), 0);
  const counts = QUEUE_IDS.map((id): QueueCount => {
    const queue = QUEUES[id];
    const inQueue = (key: TallyKey) => queueIncludes(queue, key);
    const waiting = sum("all", (key) => inQueue(key) && awaitingFirstResponse(key));
    const beforeBreach = sum("before_breach", inQueue);
    const beforeWarning = sum("before_warning", inQueue);
    return {
      id,
      title: queue.title,
      description: queue.description,
      sort: queue.sort,
      count: sum("all", inQueue),
      // Past the warning time but not the breach time; breached: past both.
      slaWarning: beforeBreach - beforeWarning,
      slaBreached: waiting - beforeBreach,
    };
  });
  if (sum("deltas", () => true) > COMPACT_AFTER_DELTAS) await compactQueueTallies(db, scope.workspaceId);
  return counts;
}
