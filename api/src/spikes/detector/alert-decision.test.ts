import { describe, expect, it } from "vitest";
import { decideAlert } from "./alert-decision.ts";
import { DEFAULT_DETECTOR_PARAMS as params } from "./detector-params.ts";
import type { SeriesEvaluation } from "./surge-tests.ts";

const evaluation = (triggers: SeriesEvaluation["triggers"], severity: SeriesEvaluation["severity"] = "warning") =>
  ({ triggers, severity, looseHot: triggers.length > 0, windowStartMinute: 0, numbers: {} }) as unknown as SeriesEvaluation;

describe("alert lifecycle", () => {
  it("starts on a firing test, escalates when it turns critical, never de-escalates while open", () => {
    expect(decideAlert(null, evaluation([]), null, 100, params)).toEqual({ action: "none" });
    expect(decideAlert(null, evaluation(["volume"]), 99, 100, params)).toEqual({ action: "start", severity: "warning" });
    expect(decideAlert({ severity: "warning" }, evaluation(["volume", "issue_share"], "critical"), 100, 101, params)).toEqual({ action: "escalate", severity: "critical" });
    expect(decideAlert({ severity: "critical" }, evaluation(["volume"], "warning"), 101, 102, params)).toEqual({ action: "update" });
  });

  it("resolves only after enough calm complete minutes", () => {
    const calm = params.resolve.calmMinutes;
    expect(decideAlert({ severity: "warning" }, evaluation([]), 100, 100 + calm, params)).toEqual({ action: "update" });
    expect(decideAlert({ severity: "warning" }, evaluation([]), 100, 101 + calm, params)).toEqual({ action: "resolve" });
  });
});
