import { and, eq, sql } from "drizzle-orm";
import type { SpikeAlert, SpikeNumbers, SpikeReadiness, SpikeSeriesKind, SpikeSeverity, SpikeTrigger } from "@surgedesk/shared";
import { queryRows } from "../../db/client.ts";
import { alertWebhooks, spikeAlertEvents, spikeAlerts } from "../../db/schema/index.ts";
import type { Executor } from "../../db/types.ts";
import { newId } from "../../lib/ids.ts";

export type AlertRow = typeof spikeAlerts.$inferSelect;

/** Whether the workspace has a live alert webhook: events are queued for it, or marked skipped. */
async function webhookStatusFor(db: Executor, workspaceId: string) {
  const [hook] = await db
    .select({ enabled: alertWebhooks.enabled })
    .from(alertWebhooks)
    .where(eq(alertWebhooks.workspaceId, workspaceId));
  return hook?.enabled ? ("pending" as const) : ("skipped" as const);
}

async function recordEvent(
  db: Executor,
  alert: Pick<AlertRow, "id" | "workspaceId">,
  type: SpikeAlert["events"][number]["type"],
  severity: SpikeSeverity,
  at: Date,
  numbers: SpikeNumbers,
  readiness: SpikeReadiness[],
) {
  await db.insert(spikeAlertEvents).values({
    id: newId("alev"),
    alertId: alert.id,
    workspaceId: alert.workspaceId,
    type,
    severity,
    at,
    numbers,
    readiness,
    webhookStatus: await webhookStatusFor(db, alert.workspaceId),
  });
}

export async function openAlerts(db: Executor, workspaceId: string): Promise<AlertRow[]> {
  return db.select().from(spikeAlerts).where(and(eq(spikeAlerts.workspaceId, workspaceId), eq(spikeAlerts.status, "open")));
}

export interface StartAlert {
  workspaceId: string;
  seriesKind: SpikeSeriesKind;
  seriesId: string;
  postId: string | null;
  severity: SpikeSeverity;
  triggers: SpikeTrigger[];
  startedAt: Date;
  at: Date;
  numbers: SpikeNumbers;
  readiness: SpikeReadiness[];
}

/** Opens an alert and records its `started` event (queued for the webhook when one is set). */
export async function startAlert(db: Executor, input: StartAlert): Promise<AlertRow> {
  const [row] = await db
    .insert(spikeAlerts)
    .values({
      id: newId("alert"),
      workspaceId: input.workspaceId,
      seriesKind: input.seriesKind,
      seriesId: input.seriesId,
      postId: input.postId,
      severity: input.severity,
      triggers: input.triggers,
      startedAt: input.startedAt,
      detectedAt: input.at,
      numbers: input.numbers,
      peak: input.numbers,
      readiness: input.readiness,
    })
    .returning();
  await recordEvent(db, row!, "started", input.severity, input.at, input.numbers, input.readiness);
  return row!;
}

/** Keeps an open alert's latest numbers, its peak, and the triggers seen so far. */
export async function updateAlert(db: Executor, alert: AlertRow, numbers: SpikeNumbers, triggers: SpikeTrigger[]): Promise<void> {
  const peak = numbers.ratePerMinute > alert.peak.ratePerMinute ? numbers : alert.peak;
  const merged = [...new Set([...alert.triggers, ...triggers])];
  await db.update(spikeAlerts).set({ numbers, peak, triggers: merged }).where(eq(spikeAlerts.id, alert.id));
}

export async function escalateAlert(
  db: Executor,
  alert: AlertRow,
  severity: SpikeSeverity,
  at: Date,
  numbers: SpikeNumbers,
  triggers: SpikeTrigger[],
  readiness: SpikeReadiness[],
): Promise<void> {
  await updateAlert(db, alert, numbers, triggers);
  await db.update(spikeAlerts).set({ severity, escalatedAt: at, readiness }).where(eq(spikeAlerts.id, alert.id));
  await recordEvent(db, alert, "escalated", severity, at, numbers, readiness);
}

export async function resolveAlert(db: Executor, alert: AlertRow, at: Date, numbers: SpikeNumbers): Promise<void> {
  await db.update(spikeAlerts).set({ status: "resolved", resolvedAt: at, numbers }).where(eq(spikeAlerts.id, alert.id));
  await recordEvent(db, alert, "resolved", alert.severity, at, numbers, alert.readiness);
}

/**
 * The post most of a campaign's or platform's messages were on since `from`: what an alert on
 * the aggregate points at.
 */
export async function busiestPost(db: Executor, workspaceId: string, kind: SpikeSeriesKind, id: string, from: Date): Promise<string | null> {
  if (kind === "post") return id;
  const members =
    kind === "campaign"
      ? sql`select post_id from campaign_posts where campaign_id = ${id}`
      : sql`select id from posts where workspace_id = ${workspaceId} and platform = ${id}`;
  const [row] = await queryRows<{ series_id: string }>(
    db,
    sql`select series_id from spike_metrics
        where workspace_id = ${workspaceId} and bucket_seconds = 60 and series_kind = 'post'
          and bucket_start >= ${from.toISOString()}::timestamptz and series_id in (${members})
        group by series_id order by sum(received) desc limit 1`,
  );
  return row?.series_id ?? null;
}
