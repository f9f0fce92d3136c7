import { describe, expect, it } from "vitest";
import { formatDuration } from "@surgedesk/shared";
import { computeForecast } from "./backlog-forecast.ts";

describe("backlog forecast arithmetic", () => {
  it("clears at the net rate: 190 open, handling 2/min against 1/min arriving → 3 h 10 min", () => {
    const f = computeForecast({ group: "order_issues", backlog: 190, arrivals: 30, handled: 60, windowMinutes: 30 });
    expect(f).toMatchObject({ arrivalsPerHour: 60, handledPerHour: 120, clearsInMinutes: 190, clearsInMinutesIfArrivalsStop: 95, growing: false });
    expect(f.text).toBe("At this rate, the order-issue backlog clears in 3 h 10 min.");
  });

  it("does not clear when arrivals outpace the team, and says by how much it grows", () => {
    const f = computeForecast({ group: "all", backlog: 500, arrivals: 90, handled: 60, windowMinutes: 30 });
    expect(f.clearsInMinutes).toBeNull();
    expect(f.clearsInMinutesIfArrivalsStop).toBe(250);
    expect(f.growing).toBe(true);
    expect(f.text).toBe("At this rate, the whole backlog (500) grows by 60 an hour.");
  });

  it("with nobody handling, no estimate at all", () => {
    const f = computeForecast({ group: "promo_confusion", backlog: 12, arrivals: 0, handled: 0, windowMinutes: 30 });
    expect(f.clearsInMinutes).toBeNull();
    expect(f.clearsInMinutesIfArrivalsStop).toBeNull();
    expect(f.text).toBe("Nobody has handled any lately: the promo-confusion backlog (12) is not going down.");
  });

  it("holds steady when handling equals arrivals", () => {
    const f = computeForecast({ group: "all", backlog: 40, arrivals: 30, handled: 30, windowMinutes: 30 });
    expect(f).toMatchObject({ clearsInMinutes: null, growing: false, text: "At this rate, the whole backlog (40) holds steady." });
  });

  it("an empty backlog is clear now; reopened messages (negative net handling) count as no handling", () => {
    expect(computeForecast({ group: "all", backlog: 0, arrivals: 5, handled: 5, windowMinutes: 30 })).toMatchObject({ clearsInMinutes: 0, text: "The whole backlog is empty." });
    expect(computeForecast({ group: "all", backlog: 10, arrivals: 0, handled: -3, windowMinutes: 30 }).handledPerHour).toBe(0);
  });

  it("formats durations as people say them", () => {
    expect(formatDuration(0)).toBe("0 min");
    expect(formatDuration(45.4)).toBe("45 min");
    expect(formatDuration(60)).toBe("1 h");
    expect(formatDuration(190)).toBe("3 h 10 min");
    expect(formatDuration(1440 + 4 * 60 + 20)).toBe("1 d 4 h");
    expect(formatDuration(2880)).toBe("2 d");
  });
});
