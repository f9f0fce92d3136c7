import { isIssueLabel, LABELS, type SpikeSeverity, type SpikeTrigger } from "@surgedesk/shared";
import { advanceSeries } from "@surgedesk/api/spikes/detector/advance-series.ts";
import { decideAlert } from "@surgedesk/api/spikes/detector/alert-decision.ts";
import type { DetectorParams } from "@surgedesk/api/spikes/detector/detector-params.ts";
import { emptyCounts, type MinuteCounts } from "@surgedesk/api/spikes/detector/minute-counts.ts";
import type { BaselineState } from "@surgedesk/api/spikes/detector/series-baseline.ts";
import type { Scenario, ScenarioMessage } from "./scenarios/scenario.ts";

export interface ReplayedAlert {
  series: string;
  triggers: SpikeTrigger[];
  severity: SpikeSeverity;
  /** Scenario time (ms) of the window that fired, of the detection, and of the resolution. */
  startedAtMs: number;
  detectedAtMs: number;
  resolvedAtMs: number | null;
  peakRatio: number;
}

/** `post:<key>`, `campaign:<name>` and `platform:<name>` series a message counts in. */
export function seriesOf(message: ScenarioMessage, campaignsOfPost: ReadonlyMap<string, string[]>): string[] {
  const keys = [`platform:${message.platform}`];
  if (message.post) {
    keys.push(`post:${message.post}`);
    for (const campaign of campaignsOfPost.get(message.post) ?? []) keys.push(`campaign:${campaign}`);
  }
  return keys;
}

/**
 * Runs the detector over a scenario's messages in memory, on the scenario's clock, ticking every
 * `tickSeconds`: what the worker does against the database, minus the database. Labels are the
 * scenario's intended ones (no classifier), so this isolates the detector for tuning and tests.
 */
export function replayDetector(scenario: Scenario, messages: readonly ScenarioMessage[], params: DetectorParams, tickSeconds = 15): ReplayedAlert[] {
  const campaignsOfPost = new Map<string, string[]>();
  for (const c of scenario.campaigns) for (const p of c.posts) campaignsOfPost.set(p, [...(campaignsOfPost.get(p) ?? []), c.name]);
  const series = new Map<string, { minutes: Map<number, MinuteCounts>; state: BaselineState | null; committed: number | null; open: ReplayedAlert | null }>();
  const alerts: ReplayedAlert[] = [];
  let next = 0;
  const end = scenario.durationMinutes * 60_000;
  for (let clock = tickSeconds * 1000; clock <= end; clock += tickSeconds * 1000) {
    for (; next < messages.length && messages[next]!.atMs <= clock; next++) {
      const message = messages[next]!;
      const minute = Math.floor(message.atMs / 60_000);
      for (const key of seriesOf(message, campaignsOfPost)) {
        let s = series.get(key);
        if (!s) series.set(key, (s = { minutes: new Map(), state: null, committed: null, open: null }));
        let counts = s.minutes.get(minute);
        if (!counts) s.minutes.set(minute, (counts = emptyCounts()));
        counts.received += 1;
        if (isIssueLabel(message.label)) counts.issue += 1;
        counts.labels[LABELS.indexOf(message.label)]! += 1;
      }
    }
    for (const [key, s] of series) {
      if (s.minutes.size === 0 && !s.open) continue;
      const warmupMinutes = key.startsWith("post:") ? 0 : params.warmupMinutes;
      const step = advanceSeries({ state: s.state, committedThrough: s.committed, minutes: s.minutes, clockMs: clock, warmupMinutes }, params);
      if (!step) continue;
      s.state = step.state;
      s.committed = step.committedThrough;
      for (const minute of s.minutes.keys()) if (minute <= step.committedThrough) s.minutes.delete(minute);
      const current = Math.floor(clock / 60_000);
      const decision = decideAlert(s.open, step.evaluation, step.state.lastHotMinute, current, params);
      if (decision.action === "start") {
        s.open = {
          series: key,
          triggers: step.evaluation.triggers,
          severity: decision.severity,
          startedAtMs: step.evaluation.windowStartMinute * 60_000,
          detectedAtMs: clock,
          resolvedAtMs: null,
          peakRatio: step.evaluation.numbers.ratio,
        };
        alerts.push(s.open);
      } else if (s.open && decision.action === "resolve") {
        s.open.resolvedAtMs = clock;
        s.open = null;
      } else if (s.open) {
        if (decision.action === "escalate") s.open.severity = decision.severity;
        for (const t of step.evaluation.triggers) if (!s.open.triggers.includes(t)) s.open.triggers.push(t);
        s.open.peakRatio = Math.max(s.open.peakRatio, step.evaluation.numbers.ratio);
      }
    }
  }
  return alerts;
}
