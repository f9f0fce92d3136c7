import { sql } from "drizzle-orm";
import type { Label, SpikeSeriesKind, SpikeSeverity, SpikeTrigger } from "@surgedesk/shared";
import { queryRows, type Database } from "../../db/client.ts";
import { spikeDetectorStates } from "../../db/schema/index.ts";
import type { Executor } from "../../db/types.ts";
import { compareText } from "../../lib/compare-text.ts";
import type { Logger } from "../../lib/logger.ts";
import { minuteIndex, minuteStart } from "../metrics/bucket-time.ts";
import type { MacroCatalog } from "../readiness/macro-catalog.ts";
import { readinessFor } from "../readiness/label-readiness.ts";
import { busiestPost, escalateAlert, openAlerts, resolveAlert, startAlert, updateAlert, type AlertRow } from "../alerts/alert-store.ts";
import { advanceSeries, markHot } from "./advance-series.ts";
import { decideAlert } from "./alert-decision.ts";
import { workspaceClock } from "./detector-clock.ts";
import { DEFAULT_DETECTOR_PARAMS, type DetectorParams } from "./detector-params.ts";
import { loadSeriesMinutes, parseSeriesKey, seriesKey } from "./load-series-minutes.ts";
import type { MinuteCounts } from "./minute-counts.ts";
import type { BaselineState } from "./series-baseline.ts";
import { explainingPost } from "./surge-attribution.ts";
import type { SeriesEvaluation } from "./surge-tests.ts";

export interface SpikeDetectorOptions {
  db: Database;
  logger: Logger;
  macroCatalog: MacroCatalog;
  params?: DetectorParams;
  /** A fixed clock (tests, evaluations on a simulated clock); by default each workspace's event-time clock. */
  now?: () => Date;
  /** How far back the first tick of a process reads, to resume series after a restart. */
  resumeMinutes?: number;
}

export interface TickResult {
  workspaceId: string;
  at: Date;
  series: number;
  started: number;
  escalated: number;
  resolved: number;
}

export interface SpikeDetector {
  /** Runs one step for every workspace (or one); skipped for a workspace another process is stepping. */
  tick(options?: { workspaceId?: string; at?: Date }): Promise<TickResult[]>;
}

/**
 * Runs the detector against the metric buckets (see detector-params.ts for the method). Each tick
 * reads the 1-minute buckets written since the last one, steps every series that has new data
 * or an open alert, and writes alerts, their events and the baselines back, in one transaction
 * under a per-workspace advisory lock so that replicas never step a workspace twice at once.
 */
export function createSpikeDetector(options: SpikeDetectorOptions): SpikeDetector {
  const { db, logger, macroCatalog } = options;
  const params = options.params ?? DEFAULT_DETECTOR_PARAMS;
  const resumeMinutes = options.resumeMinutes ?? 180;
  /** Per workspace: the last minute committed by this process, and the clock of its last tick. */
  const lastCommitted = new Map<string, number>();
  const lastClock = new Map<string, number>();

  /**
   * The moments to judge, from the last tick to `clock`: every 30 s of event time in between, so
   * a surge is not missed when ticks are far apart in event time (a scenario played at 60×, a
   * pause); at most two hours' worth.
   */
  function stepsBetween(previous: number | undefined, clock: number): number[] {
    if (previous === undefined || clock - previous <= 60_000 || clock < previous) return [clock];
    const steps: number[] = [];
    for (let at = previous + 30_000; at < clock; at += 30_000) steps.push(at);
    steps.push(clock);
    return steps.slice(-240);
  }

  async function tickWorkspace(workspaceId: string, at: Date | undefined): Promise<TickResult | null> {
    const clock = at ?? options.now?.() ?? (await workspaceClock(db, workspaceId, new Date()));
    const steps = stepsBetween(lastClock.get(workspaceId), clock.getTime());
    const current = minuteIndex(clock.getTime());
    const commitTo = current - 1 - params.latenessMinutes;
    const firstCurrent = minuteIndex(steps[0]!);
    const readFrom = Math.min((lastCommitted.get(workspaceId) ?? firstCurrent - resumeMinutes) + 1, firstCurrent - 1 - params.latenessMinutes);

    // The brand's macros are read before the transaction, not inside it through the catalog's own
    // connection: on PGlite (one connection) that read would wait for this transaction forever.
    const brandMacros = await macroCatalog.listMacros(workspaceId);
    const result = await db.transaction(async (tx) => {
      const [lock] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(hashtext(${`spike-detector:${workspaceId}`})) as locked`);
      if (!lock?.locked) return null;
      const minutes = await loadSeriesMinutes(tx, workspaceId, readFrom, current);
      const alerts = new Map((await openAlerts(tx, workspaceId)).map((a) => [seriesKey(a.seriesKind, a.seriesId), a]));
      const keys = [...new Set([...minutes.keys(), ...alerts.keys()])];
      const states = await loadStates(tx, workspaceId, keys);
      const result: TickResult = { workspaceId, at: clock, series: 0, started: 0, escalated: 0, resolved: 0 };
      const stepped = new Map<string, { committed: number; state: BaselineState }>();

      const members = await loadMembers(tx, workspaceId, keys);

      for (const stepMs of steps) {
        const stepAt = new Date(stepMs);
        const stepMinute = minuteIndex(stepMs);
        const evaluated = new Map<string, SeriesEvaluation>();
        for (const key of keys) {
          const stored = stepped.get(key) ?? states.get(key);
          const { kind } = parseSeriesKey(key);
          const step = advanceSeries(
            {
              state: stored?.state ?? null,
              committedThrough: stored?.committed ?? null,
              minutes: minutes.get(key) ?? new Map(),
              clockMs: stepMs,
              warmupMinutes: kind === "post" ? 0 : params.warmupMinutes,
            },
            params,
          );
          if (!step) continue;
          stepped.set(key, { committed: step.committedThrough, state: step.state });
          evaluated.set(key, step.evaluation);
        }

        const start = async (key: string, evaluation: SeriesEvaluation, severity: SpikeSeverity, triggers: SpikeTrigger[]) => {
          const { kind, id } = parseSeriesKey(key);
          const startedAt = minuteStart(evaluation.windowStartMinute);
          const alert = await startAlert(tx, {
            workspaceId,
            seriesKind: kind,
            seriesId: id,
            postId: await busiestPost(tx, workspaceId, kind, id, startedAt),
            severity,
            triggers,
            startedAt,
            at: stepAt,
            numbers: evaluation.numbers,
            readiness: readinessFor(brandMacros, labelsOf(evaluation.numbers.labels)),
          });
          alerts.set(key, alert);
          result.started += 1;
        };

        // Posts first: a platform's or campaign's surge that one post explains is that post's
        // alert (surge-attribution.ts), so the post's decision must be known before theirs.
        for (const key of [...evaluated.keys()].sort((a, b) => KIND_ORDER[parseSeriesKey(a).kind] - KIND_ORDER[parseSeriesKey(b).kind])) {
          const evaluation = evaluated.get(key)!;
          const { kind } = parseSeriesKey(key);
          const open = alerts.get(key) ?? null;
          const state = stepped.get(key)!.state;
          const decision = decideAlert(open, evaluation, state.lastHotMinute, stepMinute, params);

          if (kind !== "post" && !open && (evaluation.triggers.length > 0 || evaluation.looseHot)) {
            const memberSeries = (members.get(key) ?? []).flatMap((memberKey) => {
              const member = stepped.get(memberKey);
              return member ? [{ key: memberKey, state: member.state, minutes: minutes.get(memberKey) ?? new Map<number, MinuteCounts>() }] : [];
            });
            const post = explainingPost(evaluation, memberSeries, stepMinute, params);
            if (post) {
              const postState = stepped.get(post)!.state;
              if (!alerts.has(post) && decision.action === "start") {
                // The aggregate saw it first: the alert is still the post's, with the post's own numbers.
                await start(post, evaluated.get(post) ?? evaluation, decision.severity, evaluation.triggers);
              }
              // The surge goes on while its aggregate is hot: the post's alert stays open with it.
              if (alerts.has(post)) markHot(postState, evaluation.windowStartMinute, stepMinute, params);
              continue;
            }
          }

          if (decision.action === "start") {
            await start(key, evaluation, decision.severity, evaluation.triggers);
          } else if (open && decision.action === "escalate") {
            const readiness = readinessFor(brandMacros, labelsOf(evaluation.numbers.labels));
            await escalateAlert(tx, open, decision.severity, stepAt, evaluation.numbers, evaluation.triggers, readiness);
            alerts.set(key, { ...open, severity: decision.severity, escalatedAt: stepAt, numbers: evaluation.numbers, readiness });
            result.escalated += 1;
          } else if (open && decision.action === "resolve") {
            await resolveAlert(tx, open, stepAt, evaluation.numbers);
            alerts.delete(key);
            result.resolved += 1;
          } else if (open && decision.action === "update" && evaluation.triggers.length > 0) {
            await updateAlert(tx, open, evaluation.numbers, evaluation.triggers);
            const peak = evaluation.numbers.ratePerMinute > open.peak.ratePerMinute ? evaluation.numbers : open.peak;
            alerts.set(key, { ...open, numbers: evaluation.numbers, peak, triggers: [...new Set([...open.triggers, ...evaluation.triggers])] });
          }
        }
      }
      result.series = stepped.size;
      await saveStates(tx, workspaceId, [...stepped].map(([key, s]) => ({ key, ...s })));
      if (result.started + result.escalated + result.resolved > 0) logger.info("spike detector step", { ...result, at: clock.toISOString() });
      return result;
    });
    if (result) {
      lastCommitted.set(workspaceId, commitTo);
      lastClock.set(workspaceId, clock.getTime());
    }
    return result;
  }

  return {
    async tick({ workspaceId, at } = {}) {
      const ids = workspaceId ? [workspaceId] : (await queryRows<{ id: string }>(db, sql`select id from workspaces order by created_at`)).map((r) => r.id);
      const results: TickResult[] = [];
      for (const id of ids) {
        const result = await tickWorkspace(id, at);
        if (result) results.push(result);
      }
      return results;
    },
  };
}

const labelsOf = (labels: { label: Label }[]) => labels.map((l) => l.label);

const KIND_ORDER: Record<SpikeSeriesKind, number> = { post: 0, campaign: 1, platform: 2 };

/** Per platform and campaign series key, the keys of its posts among `keys`. */
async function loadMembers(db: Executor, workspaceId: string, keys: string[]): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>();
  const parsed = keys.map(parseSeriesKey);
  const postIds = parsed.filter((p) => p.kind === "post").map((p) => p.id);
  const campaignIds = parsed.filter((p) => p.kind === "campaign").map((p) => p.id);
  if (postIds.length === 0) return members;
  const add = (aggregate: string, postId: string) => {
    const list = members.get(aggregate) ?? [];
    list.push(seriesKey("post", postId));
    members.set(aggregate, list);
  };
  const postRows = await queryRows<{ id: string; platform: string }>(
    db,
    sql`select id, platform from posts where workspace_id = ${workspaceId} and id = any(${sql.param(postIds)}::text[])`,
  );
  for (const row of postRows) add(seriesKey("platform", row.platform), row.id);
  if (campaignIds.length > 0) {
    const campaignRows = await queryRows<{ campaign_id: string; post_id: string }>(
      db,
      sql`select campaign_id, post_id from campaign_posts
          where campaign_id = any(${sql.param(campaignIds)}::text[]) and post_id = any(${sql.param(postIds)}::text[])`,
    );
    for (const row of campaignRows) add(seriesKey("campaign", row.campaign_id), row.post_id);
  }
  return members;
}

async function loadStates(db: Executor, workspaceId: string, keys: string[]) {
  const states = new Map<string, { committed: number; state: BaselineState }>();
  if (keys.length === 0) return states;
  const parsed = keys.map(parseSeriesKey);
  const rows = await queryRows<{ series_kind: SpikeSeriesKind; series_id: string; committed_through: string | Date; state: BaselineState }>(
    db,
    sql`select s.series_kind, s.series_id, s.committed_through, s.state
        from unnest(${sql.param(parsed.map((p) => p.kind))}::text[], ${sql.param(parsed.map((p) => p.id))}::text[]) as k(kind, id)
        join spike_detector_states s on s.workspace_id = ${workspaceId} and s.series_kind = k.kind and s.series_id = k.id`,
  );
  for (const row of rows) {
    if (row.state?.v !== 1) continue;
    states.set(seriesKey(row.series_kind, row.series_id), { committed: minuteIndex(new Date(row.committed_through).getTime()), state: row.state });
  }
  return states;
}

async function saveStates(db: Executor, workspaceId: string, items: { key: string; committed: number; state: BaselineState }[]) {
  if (items.length === 0) return;
  const sorted = [...items].sort((a, b) => compareText(a.key, b.key));
  await db
    .insert(spikeDetectorStates)
    .values(
      sorted.map(({ key, committed, state }) => {
        const { kind, id } = parseSeriesKey(key);
        return { workspaceId, seriesKind: kind, seriesId: id, committedThrough: minuteStart(committed), state: state as unknown as Record<string, unknown> };
      }),
    )
    .onConflictDoUpdate({
      target: [spikeDetectorStates.workspaceId, spikeDetectorStates.seriesKind, spikeDetectorStates.seriesId],
      set: { committedThrough: sql`excluded.committed_through`, state: sql`excluded.state`, updatedAt: sql`now()` },
    });
}

export type { AlertRow };
