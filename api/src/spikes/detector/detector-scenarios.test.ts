import { describe, expect, it } from "vitest";
import { generateTraffic } from "@surgedesk/devkit/simulator/scenarios/generate-traffic.ts";
import { loadLabelledTexts } from "@surgedesk/devkit/simulator/scenarios/labelled-texts.ts";
import { scenarioByName } from "@surgedesk/devkit/simulator/scenarios/index.ts";
import { TWO_MINUTE_BAR_MIN_RATE_PER_MINUTE } from "@surgedesk/devkit/simulator/judge-alerts.ts";
import { replayDetector, type ReplayedAlert } from "@surgedesk/devkit/simulator/replay-detector.ts";
import { DEFAULT_DETECTOR_PARAMS } from "./detector-params.ts";

const texts = loadLabelledTexts();
const MINUTE = 60_000;

function run(name: string, seed: number) {
  const scenario = scenarioByName(name);
  const alerts = replayDetector(scenario, generateTraffic(scenario, texts, seed), DEFAULT_DETECTOR_PARAMS);
  return { scenario, alerts };
}

/** The first alert on a surge's post after it began, and how long after. */
function detection(alerts: ReplayedAlert[], post: string, startMinute: number) {
  const alert = alerts.find((a) => a.series === `post:${post}` && a.detectedAtMs >= startMinute * MINUTE);
  return alert ? (alert.detectedAtMs - startMinute * MINUTE) / MINUTE : Infinity;
}

describe("detector on the scenarios (in memory, scenario clock, intended labels)", () => {
  it.each([1, 2])("raises an alert within 2 minutes of a 5× step on posts at 4 and 8 a minute (seed %i)", (seed) => {
    const { scenario, alerts } = run("step-surge", seed);
    const promised = scenario.surges.filter((s) => (s.fromPerMinute ?? 0) * (s.ratio ?? 0) >= TWO_MINUTE_BAR_MIN_RATE_PER_MINUTE);
    expect(promised.map((s) => s.post)).toEqual(["ig-step-4", "ig-step-8"]);
    for (const surge of promised) expect(detection(alerts, surge.post, surge.startMinute), surge.post).toBeLessThanOrEqual(2);
    // 2 → 10 a minute is below the 2-minute bar's minimum volume: alerted as soon as the
    // evidence is there (0.75–3.75 min over seeds 1–10; the floor itself misses a quarter in 2).
    expect(detection(alerts, "ig-step-2", 60)).toBeLessThanOrEqual(4);
    // Every alert after warm-up is about a surging post or the platform it lifts; each resolves.
    for (const a of alerts.filter((x) => x.detectedAtMs >= scenario.warmupMinutes * MINUTE)) expect(["post:ig-step-2", "post:ig-step-4", "post:ig-step-8", "platform:instagram"]).toContain(a.series);
    expect(alerts.every((a) => a.resolvedAtMs !== null)).toBe(true);
  });

  it("catches a surge of the issue share at constant volume", () => {
    const { alerts } = run("share-surge", 1);
    const alert = alerts.find((a) => a.series === "post:ig-share" && a.detectedAtMs >= 70 * MINUTE);
    expect(alert?.triggers).toContain("issue_share");
    expect(detection(alerts, "ig-share", 70)).toBeLessThanOrEqual(6);
  });

  it("raises at most one false alert over a simulated day of quiet traffic on 200 posts", () => {
    const { scenario, alerts } = run("quiet-day", 2);
    const judged = alerts.filter((a) => a.detectedAtMs >= scenario.warmupMinutes * MINUTE);
    expect(judged.length).toBeLessThanOrEqual(1);
  }, 60_000);

  it("sees the viral TikTok video, the bot wave and both campaigns", () => {
    const viral = run("viral-tiktok", 1);
    // The ramp reaches 5× about 2.2 minutes in.
    expect(detection(viral.alerts, "tt-viral", 60)).toBeLessThanOrEqual(4);
    expect(viral.alerts.find((a) => a.series === "post:tt-viral")?.severity).toBe("critical");
    const scam = run("scam-wave", 1);
    for (const surge of scam.scenario.surges) expect(detection(scam.alerts, surge.post, surge.startMinute), surge.post).toBeLessThanOrEqual(2);
    const campaigns = run("overlapping-campaigns", 1);
    expect(campaigns.alerts.some((a) => a.series === "campaign:Summer drop" && a.detectedAtMs > 40 * MINUTE)).toBe(true);
    expect(campaigns.alerts.some((a) => a.series === "campaign:Flash sale" && a.detectedAtMs > 70 * MINUTE)).toBe(true);
  });
});
