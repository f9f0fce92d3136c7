import { describe, expect, it } from "vitest";
import { detectionFloor } from "./detection-floor.ts";

// A small budget (2 series, 1 false alert a day) keeps the simulation quick; the method is the same.
const small = { series: 2, trials: 1500 };

describe("detection floor (an oracle CUSUM at a false-alert budget)", () => {
  it("finds a threshold whose measured false alarms meet the budget", () => {
    const floor = detectionFloor(3, small);
    // Budget: one false alarm per 2 days per series = 2,880 minutes; bisection lands near it.
    expect(floor.minutesBetweenFalseAlarms).toBeGreaterThan(2_880 * 0.75);
    expect(floor.minutesBetweenFalseAlarms).toBeLessThan(2_880 * 1.6);
    // A tighter budget needs more evidence.
    expect(detectionFloor(3, { ...small, series: 20 }).threshold).toBeGreaterThan(floor.threshold + 1.5);
  });

  it("is slower on quieter series and faster on bigger surges", () => {
    const quiet = detectionFloor(1, small);
    const busy = detectionFloor(6, small);
    expect(quiet.medianMinutes).toBeGreaterThan(busy.medianMinutes * 3);
    expect(busy.caughtWithin).toBeGreaterThan(quiet.caughtWithin);
    expect(detectionFloor(1, { ...small, ratio: 10 }).medianMinutes).toBeLessThan(quiet.medianMinutes);
    // Detection after the threshold's worth of evidence: at 6→30/min, ~1.6 nats of evidence a
    // message less 24/min of drift is ~24 nats a minute; the threshold (~8) takes ~0.35 min.
    expect(busy.medianMinutes).toBeGreaterThan(0.15);
    expect(busy.medianMinutes).toBeLessThan(0.6);
  });
});
