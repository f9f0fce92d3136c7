import { describe, expect, it } from "vitest";
import { advancePass, type PassItem, type PassOptions } from "./newest-first-pass.ts";

const now = new Date("2025-08-21T12:00:00Z");
const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
const item = (id: string, minutesAgo: number): PassItem => ({ id, createdAt: at(minutesAgo) });
const options: PassOptions = { stopAtOlderThanMark: true, sweepEveryMs: null, horizonMs: null };
const fresh = { pageCursor: null, state: {}, newestSeenId: null, newestSeenAt: null };

describe("advancePass", () => {
  it("walks every page of a first pass, then makes its newest item the mark", () => {
    const first = advancePass(fresh, { items: [item("c9", 1), item("c8", 2)], hasMore: true, nextOffset: 2 }, options, now);
    expect(first).toMatchObject({ complete: false, pageCursor: "2", newestSeenId: null });
    const cursor = { ...fresh, pageCursor: first.pageCursor, state: first.state };
    const last = advancePass(cursor, { items: [item("c7", 3)], hasMore: false, nextOffset: 3 }, options, now);
    expect(last).toMatchObject({ complete: true, pageCursor: null, newestSeenId: "c9", newestSeenAt: at(1) });
  });

  it("stops at the previous pass's newest comment", () => {
    const cursor = { ...fresh, newestSeenId: "c5", newestSeenAt: at(5) };
    const step = advancePass(cursor, { items: [item("c7", 1), item("c6", 2), item("c5", 5)], hasMore: true, nextOffset: 3 }, options, now);
    expect(step).toMatchObject({ complete: true, newestSeenId: "c7" });
  });

  it("stops at an older comment when the mark was deleted", () => {
    const cursor = { ...fresh, newestSeenId: "deleted", newestSeenAt: at(5) };
    const step = advancePass(cursor, { items: [item("c7", 1), item("c4", 6)], hasMore: true, nextOffset: 2 }, options, now);
    expect(step.complete).toBe(true);
  });

  it("keeps the old mark through an interrupted pass, so the resumed pass still stops at it", () => {
    const cursor = { ...fresh, newestSeenId: "c1", newestSeenAt: at(60) };
    const page1 = advancePass(cursor, { items: [item("c9", 1), item("c8", 2)], hasMore: true, nextOffset: 2 }, options, now);
    expect(page1).toMatchObject({ complete: false, newestSeenId: "c1", newestSeenAt: at(60) });
    // The process died here; what was stored is the page cursor and state of page 1.
    const resumed = { ...cursor, pageCursor: page1.pageCursor, state: JSON.parse(JSON.stringify(page1.state)) };
    const page2 = advancePass(resumed, { items: [item("c2", 30), item("c1", 60)], hasMore: true, nextOffset: 4 }, options, now);
    expect(page2).toMatchObject({ complete: true, newestSeenId: "c9", newestSeenAt: at(1) });
  });

  it("does not stop early because of a pinned old comment at the top", () => {
    const cursor = { ...fresh, newestSeenId: "c5", newestSeenAt: at(5) };
    const step = advancePass(cursor, { items: [item("pinned", 600), item("c7", 1), item("c6", 2)], hasMore: true, nextOffset: 3 }, options, now);
    expect(step).toMatchObject({ complete: false, pageCursor: "3" });
    expect(step.state).toMatchObject({ pass: { newestId: "c7" } });
  });

  it("ends a pass whose cursor does not move forward", () => {
    const cursor = { ...fresh, pageCursor: "20" };
    expect(advancePass(cursor, { items: [item("c1", 1)], hasMore: true, nextOffset: 20 }, options, now).complete).toBe(true);
  });

  it("sweeps past the mark when a sweep is due, and remembers when it swept", () => {
    const sweeping = { ...options, sweepEveryMs: 60 * 60_000 };
    const cursor = { ...fresh, newestSeenId: "c5", newestSeenAt: at(5), state: { lastSweepAt: at(120).toISOString() } };
    const step = advancePass(cursor, { items: [item("c6", 1), item("c5", 5)], hasMore: true, nextOffset: 2 }, sweeping, now);
    expect(step).toMatchObject({ complete: false, sweep: true });
    const end = advancePass({ ...cursor, pageCursor: "2", state: step.state }, { items: [item("c1", 50)], hasMore: false, nextOffset: 3 }, sweeping, now);
    expect(end).toMatchObject({ complete: true, state: { lastSweepAt: now.toISOString() }, newestSeenId: "c6" });
  });

  it("reads a first pass back to the horizon only", () => {
    const bounded = { ...options, horizonMs: 24 * 60 * 60_000 };
    const step = advancePass(fresh, { items: [item("c2", 60), item("c1", 2 * 24 * 60)], hasMore: true, nextOffset: 2 }, bounded, now);
    expect(step).toMatchObject({ complete: true, newestSeenId: "c2" });
  });

  it("does not move the mark back in time when the newest comment was deleted", () => {
    const cursor = { ...fresh, newestSeenId: "c9", newestSeenAt: at(1) };
    const step = advancePass(cursor, { items: [item("c3", 30)], hasMore: false, nextOffset: 1 }, options, now);
    expect(step).toMatchObject({ complete: true, newestSeenId: "c9", newestSeenAt: at(1) });
  });
});
