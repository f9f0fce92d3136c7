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
  part: "all" | "since_breach" | "since_warning" | "deltas";
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

/**
 * Messages waiting for a first answer that were written after `since`, per tally key: whole hours
 * from the hourly buckets, the rest of `since`'s hour from the minute buckets, and the rest of its
 * minute from the messages themselves (an index range over one minute of them). Exact, and it reads
 * at most a day's hours and an hour's minutes of tally rows whatever the inbox holds.
 */
function waitingSince(part: Row["part"], workspaceId: string, since: Date): SQL {
  const minuteEnd = new Date(Math.floor(since.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  const hourEnd = new Date(Math.floor(since.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
  return sql`select ${part} as part, ${tallyKeyColumns}, 'inbound' as direction, false as answered, sum(n)::int as n from (
      ${tallyRange(workspaceId, 3600, hourEnd, null)}
      union all ${tallyRange(workspaceId, 60, minuteEnd, hourEnd)}
      union all select m.status, m.label, m.needs_label, m.escalation_level, 1 from messages m
        where m.workspace_id = ${workspaceId} and m.created_at > ${since.toISOString()}::timestamptz
          and m.created_at < ${minuteEnd.toISOString()}::timestamptz
          and m.direction = 'inbound' and m.status <> 'closed'
          and not exists (select 1 from message_first_responses r where r.message_id = m.id)
    ) w group by ${tallyKeyColumns}`;
}

/** The one statement `queueCounts` reads (exported for `pnpm bench:queues --explain`). */
export function queueCountsQuery({ workspaceId, now, sla }: Pick<FilterScope, "workspaceId" | "now" | "sla">): SQL {
  const before = (minutes: number) => new Date(now.getTime() - minutes * MINUTE_MS);
  return sql`select 'all' as part, ${tallyKeyColumns}, direction, answered, sum(n)::int as n from (
          select ${tallyKeyColumns}, direction, answered, n from queue_tallies where workspace_id = ${workspaceId} and bucket_seconds = 0
          union all select ${tallyKeyColumns}, direction, answered, n from queue_tally_deltas where workspace_id = ${workspaceId} and bucket_seconds = 0
        ) t group by ${tallyKeyColumns}, direction, answered
        union all ${waitingSince("since_breach", workspaceId, before(sla.breachMinutes))}
        union all ${waitingSince("since_warning", workspaceId, before(sla.warningMinutes))}
        union all select 'deltas', 'open', null, false, null, 'inbound', false, count(*)::int from queue_tally_deltas where workspace_id = ${workspaceId}`;
}

/**
 * Each queue's size and its first-response warnings and breaches, for the sidebar, from the kept
 * tallies (db/schema/queue-tallies.ts) in one statement, so one snapshot: the workspace's tally
 * rows (a few hundred) give every queue's size and how many of it wait for an answer; the waiting
 * ones written after the breach and the warning times (`waitingSince`) split those into breached,
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
    const sinceBreach = sum("since_breach", inQueue);
    const sinceWarning = sum("since_warning", inQueue);
    return {
      id,
      title: queue.title,
      description: queue.description,
      sort: queue.sort,
      count: sum("all", inQueue),
      // Waiting since before the warning time but not the breach time; breached: before that.
      slaWarning: sinceBreach - sinceWarning,
      slaBreached: waiting - sinceBreach,
    };
  });
  if (sum("deltas", () => true) > COMPACT_AFTER_DELTAS) await compactQueueTallies(db, scope.workspaceId);
  return counts;
}
