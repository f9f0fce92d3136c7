import { sql, type SQL } from "drizzle-orm";
import { SLA_PAUSED_STATUSES, type EscalationLevel, type Label, type MessageDirection, type MessageKind, type MessageStatus, type Platform } from "@surgedesk/shared";
import { queryRows } from "../db/client.ts";
import type { Executor } from "../db/types.ts";
import { choosePolicy, resumedDeadline, slaDeadlines, type SlaDeadlines, type SlaSettings } from "./sla-deadlines.ts";
import { loadSlaSettings } from "./sla-settings.ts";

/**
 * Keeps the stored first-response deadlines (messages.sla_*) in step with what decides them: a
 * new label or escalation picks the policy again, snoozing stops the clock and waking starts it
 * again, a change of policies or calendar moves every waiting message's deadlines. Each runs in
 * the caller's transaction, so the queue tallies' triggers see the deadlines with the change.
 */

interface ClockRow {
  id: string;
  direction: MessageDirection;
  kind: MessageKind;
  platform: Platform;
  label: Label | null;
  escalation_level: EscalationLevel | null;
  status: MessageStatus;
  created_at: string | Date;
  sla_policy_id: string | null;
  sla_warning_at: string | Date | null;
  sla_breach_at: string | Date | null;
  sla_paused_at: string | Date | null;
}

const BATCH = 5_000;
const asDate = (value: string | Date | null) => (value === null ? null : new Date(value));

async function readClocks(tx: Executor, workspaceId: string, where: SQL): Promise<ClockRow[]> {
  return queryRows<ClockRow>(
    tx,
    // An item's clock runs from the customer's first message since the brand last wrote in the
    // conversation, which may be before the item row's own (conversations/plan-items.ts).
    sql`select id, direction, kind, platform, label, escalation_level, status, sla_policy_id, sla_warning_at, sla_breach_at, sla_paused_at,
               case when conversation_key is null then created_at else coalesce((
                 select min(e.created_at) from messages e
                 where e.conversation_key = messages.conversation_key and e.direction = 'inbound' and e.created_at <= messages.created_at
                   and e.created_at > coalesce((select max(o.created_at) from messages o
                                                where o.conversation_key = messages.conversation_key and o.direction = 'outbound'), '-infinity'::timestamptz)
               ), created_at) end as created_at
        from messages where workspace_id = ${workspaceId} and ${where}`,
  );
}

async function writeClocks(tx: Executor, rows: (SlaDeadlines & { id: string; slaPausedAt: Date | null })[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const part = rows.slice(i, i + BATCH);
    const column = <T>(pick: (row: (typeof part)[number]) => T) => sql.param(part.map(pick));
    await tx.execute(
      sql`update messages m set sla_policy_id = u.policy_id, sla_warning_at = u.warning_at, sla_breach_at = u.breach_at, sla_paused_at = u.paused_at
          from unnest(${column((r) => r.id)}::text[], ${column((r) => r.slaPolicyId)}::text[],
                      ${column((r) => r.slaWarningAt?.toISOString() ?? null)}::timestamptz[], ${column((r) => r.slaBreachAt?.toISOString() ?? null)}::timestamptz[],
                      ${column((r) => r.slaPausedAt?.toISOString() ?? null)}::timestamptz[])
            as u(id, policy_id, warning_at, breach_at, paused_at)
          where m.id = u.id
            and (m.sla_policy_id, m.sla_warning_at, m.sla_breach_at, m.sla_paused_at) is distinct from (u.policy_id, u.warning_at, u.breach_at, u.paused_at)`,
    );
  }
}

/**
 * The deadlines again from the policy each message matches now, counted from when its
 * customer started waiting (`created_at` as readClocks reads it); a snoozed one stays paused (from now, if it was not yet). Time paused in earlier
 * snoozes is not credited again.
 */
function recomputed(row: ClockRow, settings: SlaSettings, now: Date) {
  const deadlines = slaDeadlines(
    { direction: row.direction, kind: row.kind, platform: row.platform, label: row.label, escalationLevel: row.escalation_level },
    new Date(row.created_at),
    settings,
  );
  const slaPausedAt = SLA_PAUSED_STATUSES.includes(row.status) ? (asDate(row.sla_paused_at) ?? now) : null;
  return { id: row.id, ...deadlines, slaPausedAt };
}

/** After a relabel or a new classification: the messages' policies chosen again. */
export async function recomputeSlaClocks(tx: Executor, workspaceId: string, ids: readonly string[], now = new Date()): Promise<void> {
  if (ids.length === 0) return;
  const settings = await loadSlaSettings(tx, workspaceId);
  const rows = await readClocks(tx, workspaceId, sql`id = any(${sql.param([...ids])}::text[])`);
  await writeClocks(tx, rows.map((row) => recomputed(row, settings, now)));
}

/** After the policies or the calendar changed: every message still waiting for a first answer. */
export async function recomputeWaitingSlaClocks(tx: Executor, workspaceId: string, now = new Date()): Promise<number> {
  const settings = await loadSlaSettings(tx, workspaceId);
  const rows = await readClocks(
    tx,
    workspaceId,
    sql`direction = 'inbound' and status <> 'closed' and is_item and not exists (select 1 from message_first_responses r where r.message_id = messages.id)`,
  );
  await writeClocks(tx, rows.map((row) => recomputed(row, settings, now)));
  return rows.length;
}

/** Pending or snoozed: the clock stops now (a message paused again keeps its first pause). */
export async function pauseSlaClocks(tx: Executor, ids: readonly string[], now = new Date()): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`update messages set sla_paused_at = ${now.toISOString()}::timestamptz
                       where id = any(${sql.param([...ids])}::text[]) and sla_paused_at is null`);
}

/** Out of pending or snooze: the deadlines move on by the (business) time the clock was stopped. */
export async function resumeSlaClocks(tx: Executor, workspaceId: string, ids: readonly string[], now = new Date()): Promise<void> {
  if (ids.length === 0) return;
  const rows = await readClocks(tx, workspaceId, sql`id = any(${sql.param([...ids])}::text[]) and sla_paused_at is not null`);
  if (rows.length === 0) return;
  const settings = await loadSlaSettings(tx, workspaceId);
  const policies = new Map([...settings.policies.policies.map((p) => [p.id, p] as const)]);
  await writeClocks(
    tx,
    rows.map((row) => {
      const pausedAt = new Date(row.sla_paused_at!);
      // The policy's clock as it is now; a policy since removed counted like the default.
      const policy = policies.get(row.sla_policy_id ?? "") ?? choosePolicy({ ...settings.policies, policies: [] }, { direction: row.direction, kind: row.kind, platform: row.platform, label: row.label, escalationLevel: row.escalation_level });
      return {
        id: row.id,
        slaPolicyId: row.sla_policy_id,
        slaWarningAt: resumedDeadline(asDate(row.sla_warning_at), pausedAt, now, policy, settings.calendar),
        slaBreachAt: resumedDeadline(asDate(row.sla_breach_at), pausedAt, now, policy, settings.calendar),
        slaPausedAt: null,
      };
    }),
  );
}
