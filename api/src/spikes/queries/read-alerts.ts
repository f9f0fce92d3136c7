import { and, desc, eq, inArray } from "drizzle-orm";
import type { SpikeAlertList } from "@surgedesk/shared";
import type { Database } from "../../db/client.ts";
import { spikeAlertEvents, spikeAlerts } from "../../db/schema/index.ts";
import { readCurrentLoad } from "./current-load.ts";
import { labelSeries } from "./series-names.ts";

/**
 * The alert feed, newest first, each alert with its events, what it is about, and its series'
 * load now — read by the same function as the overview's rows, so an alert and its post's row
 * show the same rate and the same messages at risk.
 */
export async function readAlerts(db: Database, workspaceId: string, options: { status?: "open" | "resolved"; limit: number; now: Date }): Promise<SpikeAlertList> {
  const rows = await db
    .select()
    .from(spikeAlerts)
    .where(and(eq(spikeAlerts.workspaceId, workspaceId), options.status ? eq(spikeAlerts.status, options.status) : undefined))
    .orderBy(desc(spikeAlerts.detectedAt), desc(spikeAlerts.id))
    .limit(options.limit);
  const current = await readCurrentLoad(db, workspaceId, rows.map((r) => ({ kind: r.seriesKind, id: r.seriesId })), options.now);
  if (rows.length === 0) return { currentWindow: current.window, items: [] };
  const events = await db
    .select()
    .from(spikeAlertEvents)
    .where(inArray(spikeAlertEvents.alertId, rows.map((r) => r.id)))
    .orderBy(spikeAlertEvents.at);
  const names = await labelSeries(db, workspaceId, [
    ...rows.map((r) => ({ kind: r.seriesKind, id: r.seriesId })),
    ...rows.filter((r) => r.postId).map((r) => ({ kind: "post" as const, id: r.postId! })),
  ]);
  const items = rows.map((row) => {
    const label = names.get(`${row.seriesKind}:${row.seriesId}`);
    const post = row.postId ? (names.get(`post:${row.postId}`) ?? null) : null;
    return {
      id: row.id,
      seriesKind: row.seriesKind,
      seriesId: row.seriesId,
      seriesName: label?.name ?? row.seriesId,
      platform: label?.platform ?? post?.platform ?? null,
      post: post?.post ?? null,
      status: row.status,
      severity: row.severity,
      triggers: row.triggers,
      startedAt: row.startedAt.toISOString(),
      detectedAt: row.detectedAt.toISOString(),
      escalatedAt: row.escalatedAt?.toISOString() ?? null,
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      numbers: row.numbers,
      peak: row.peak,
      current: current.of(row.seriesKind, row.seriesId),
      readiness: row.readiness,
      events: events
        .filter((e) => e.alertId === row.id)
        .map((e) => ({ type: e.type, severity: e.severity, at: e.at.toISOString(), numbers: e.numbers })),
    };
  });
  return { currentWindow: current.window, items };
}
