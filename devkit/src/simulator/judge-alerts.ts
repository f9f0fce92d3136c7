import type { Scenario, SurgeTruth } from "./scenarios/scenario.ts";

/** An alert as the evaluation sees it: on a scenario series, at scenario times. */
export interface JudgedAlert {
  /** `post:<key>`, `campaign:<name>` or `platform:<name>`. */
  series: string;
  triggers: string[];
  severity: string;
  detectedAtMs: number;
  resolvedAtMs: number | null;
}

export interface Judgement {
  /** Per surge: the first alert on its post, and every alert raised for it (one surge should raise one). */
  detections: { surge: SurgeTruth; latencyMinutes: number | null; alerts: JudgedAlert[] }[];
  /** Alerts after warm-up that no surge of the scenario explains. */
  falseAlerts: JudgedAlert[];
  /** Simulated days judged (after warm-up), to report false alerts per day. */
  judgedDays: number;
}

/**
 * The volume from which a 5× surge is promised an alert within 2 minutes: 20 messages a minute
 * once it has surged (a post at 4 a minute or more). Below it the evidence a ≤ 1 false alert a
 * day budget over 200 posts needs is often not there within 2 minutes: the benchmark detector
 * (detection-floor.ts, printed by `pnpm eval:spikes`; quickest on average, with the true rates
 * handed to it) catches 74% of 2 → 10/min steps within 2 minutes, 94% of 3 → 15/min and 99% of
 * 4 → 20/min. Quieter surges still alert, from 5 a minute, as soon as the evidence is there.
 */
export const TWO_MINUTE_BAR_MIN_RATE_PER_MINUTE = 20;

/** How long after a surge ends an alert on it still counts as explained by it. */
const AFTERMATH_MINUTES = 15;

/**
 * Scores a run against the scenario's intended surges: for each, how long after its start the
 * first alert on its post came; every other alert after warm-up — not on the surging post, its
 * campaigns or its platform while it surged — is a false alert.
 */
export function judgeAlerts(scenario: Scenario, alerts: readonly JudgedAlert[]): Judgement {
  const platformOf = new Map(scenario.posts.map((p) => [p.key, p.platform]));
  const explains = (surge: SurgeTruth, alert: JudgedAlert) => {
    const minute = alert.detectedAtMs / 60_000;
    if (minute < surge.startMinute || minute > surge.endMinute + AFTERMATH_MINUTES) return false;
    const related = [`post:${surge.post}`, `platform:${platformOf.get(surge.post)}`, ...scenario.campaigns.filter((c) => c.posts.includes(surge.post)).map((c) => `campaign:${c.name}`)];
    return related.includes(alert.series);
  };
  const detections = scenario.surges.map((surge) => {
    // An alert already open on the post when the surge starts (an earlier surge of the same
    // post) covers it from its start.
    const start = surge.startMinute * 60_000;
    const first = alerts
      .filter((a) => a.series === `post:${surge.post}` && a.detectedAtMs <= (surge.endMinute + AFTERMATH_MINUTES) * 60_000 && (a.resolvedAtMs === null || a.resolvedAtMs >= start))
      .sort((a, b) => a.detectedAtMs - b.detectedAtMs)[0];
    return { surge, latencyMinutes: first ? Math.max(0, first.detectedAtMs - start) / 60_000 : null, alerts: alerts.filter((a) => explains(surge, a)) };
  });
  const falseAlerts = alerts.filter((a) => a.detectedAtMs >= scenario.warmupMinutes * 60_000 && !scenario.surges.some((s) => explains(s, a)));
  return { detections, falseAlerts, judgedDays: (scenario.durationMinutes - scenario.warmupMinutes) / 1440 };
}
