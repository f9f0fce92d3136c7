import { describe, expect, it } from "vitest";
import { minutesInWords, splitMinutes, targetProblems } from "./sla-targets.ts";

const draft = (warning: [string, string], breach: [string, string]) => ({
  warning: { hours: warning[0], minutes: warning[1] },
  breach: { hours: breach[0], minutes: breach[1] },
});

describe("response targets in hours and minutes", () => {
  it("turns hours and minutes into the API's minutes and back", () => {
    expect(targetProblems(draft(["1", "30"], ["24", ""]))).toEqual({ targets: { warningMinutes: 90, breachMinutes: 1440 }, problems: {} });
    expect(splitMinutes(90)).toEqual({ hours: "1", minutes: "30" });
    expect(minutesInWords(90)).toBe("1 hour 30 minutes");
    expect(minutesInWords(1440)).toBe("24 hours");
  });

  it("says what is wrong with each field", () => {
    expect(targetProblems(draft(["0", "0"], ["1", "75"])).problems).toEqual({ warning: "Set at least 1 minute.", breach: "Minutes must be a whole number from 0 to 59." });
    expect(targetProblems(draft(["721", "0"], ["1.5", "0"])).problems).toEqual({
      warning: "Set at most 30 days (720 hours).",
      breach: "Hours must be a whole number, 0 or more.",
    });
  });

  it("refuses a warning that does not come before the breach", () => {
    const result = targetProblems(draft(["24", "0"], ["12", "0"]));
    expect(result.targets).toBeNull();
    expect(result.problems.warning).toMatch(/must come before/);
  });
});
