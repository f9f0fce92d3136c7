import type { SpikeSeverity } from "@surgedesk/shared";
import type { DetectorParams } from "./detector-params.ts";
import type { SeriesEvaluation } from "./surge-tests.ts";

export type AlertDecision =
  | { action: "none" }
  | { action: "start"; severity: SpikeSeverity }
  | { action: "escalate"; severity: SpikeSeverity }
  | { action: "update" }
  | { action: "resolve" };

/**
 * What one detector step means for a series' alert. An alert starts when a test fires,
 * escalates when its severity rises (never falls back while open), and resolves after
 * `calmMinutes` complete minutes in which neither a test nor the loose test fired.
 */
export function decideAlert(
  open: { severity: SpikeSeverity } | null,
  evaluation: SeriesEvaluation,
  lastHotMinute: number | null,
  currentMinute: number,
  params: DetectorParams,
): AlertDecision {
  const firing = evaluation.triggers.length > 0;
  if (!open) return firing ? { action: "start", severity: evaluation.severity } : { action: "none" };
  if (firing && evaluation.severity === "critical" && open.severity !== "critical") return { action: "escalate", severity: "critical" };
  if (firing) return { action: "update" };
  const calm = lastHotMinute === null ? Infinity : currentMinute - 1 - lastHotMinute;
  return calm >= params.resolve.calmMinutes ? { action: "resolve" } : { action: "update" };
}
