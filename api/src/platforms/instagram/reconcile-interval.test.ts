import { describe, expect, it } from "vitest";
import { reconcileIntervalMs } from "./reconcile-interval.ts";

const now = new Date("2025-08-21T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("reconcileIntervalMs", () => {
  it.each([
    ["a post minutes old", ago(5 * MINUTE), MINUTE],
    ["a post 59 minutes old", ago(59 * MINUTE), MINUTE],
    ["a post an hour old", ago(HOUR), 5 * MINUTE],
    ["a post a day old", ago(24 * HOUR), 30 * MINUTE],
    ["a post six days old", ago(6 * 24 * HOUR), 30 * MINUTE],
    ["a post a week old", ago(7 * 24 * HOUR), 6 * HOUR],
    ["a post of unknown age", null, 30 * MINUTE],
  ])("reconciles %s at its interval", (_, createdAt, expected) => {
    expect(reconcileIntervalMs(createdAt, now)).toBe(expected);
  });
});
