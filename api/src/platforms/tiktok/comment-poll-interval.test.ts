import { describe, expect, it } from "vitest";
import { commentPollInterval } from "./comment-poll-interval.ts";

const now = new Date("2025-08-21T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe("commentPollInterval", () => {
  it.each([
    ["published 10 minutes ago", ago(10 * MIN), MIN],
    ["published 5 hours ago", ago(5 * HOUR), 5 * MIN],
    ["published 3 days ago", ago(72 * HOUR), 30 * MIN],
    ["published a month ago", ago(30 * 24 * HOUR), 6 * HOUR],
  ])("polls a video %s every %#", (_, publishedAt, expected) => {
    expect(commentPollInterval(publishedAt, null, now)).toBe(expected);
  });

  it("polls an old video whose last comment is minutes old like a fresh one", () => {
    expect(commentPollInterval(ago(90 * 24 * HOUR), ago(2 * MIN), now)).toBe(MIN);
  });

  it("uses a middle interval when the age is unknown", () => {
    expect(commentPollInterval(null, null, now)).toBe(30 * MIN);
  });

  it("rests a fresh video's polling to 15 minutes while its comment webhooks arrive, and not once they stop", () => {
    expect(commentPollInterval(ago(10 * MIN), null, now, ago(3 * MIN))).toBe(15 * MIN);
    expect(commentPollInterval(ago(10 * MIN), null, now, ago(2 * HOUR))).toBe(MIN);
    // Never shorter than its age's own interval.
    expect(commentPollInterval(ago(30 * 24 * HOUR), null, now, ago(MIN))).toBe(6 * HOUR);
  });
});
