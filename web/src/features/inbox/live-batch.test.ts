import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LIVE_BATCH_IDS, LIVE_BATCH_MS, createLiveBatch } from "./live-batch.ts";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("live update batching", () => {
  it("hands on the ids of events arriving together in one lookup, each id once", () => {
    const flush = vi.fn();
    const batch = createLiveBatch(flush);
    batch.add(["m1", "m2"]);
    vi.advanceTimersByTime(LIVE_BATCH_MS - 50);
    batch.add(["m2", "m3"]);
    batch.add(["m1"]);
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(flush.mock.calls).toEqual([[["m1", "m2", "m3"]]]);
  });

  it("waits from the first event, not the last: a steady stream is still looked up", () => {
    const flush = vi.fn();
    const batch = createLiveBatch(flush);
    for (let t = 0; t < 3 * LIVE_BATCH_MS; t += 50) {
      batch.add([`m${t}`]);
      vi.advanceTimersByTime(50);
    }
    expect(flush).toHaveBeenCalledTimes(3);
    expect(flush.mock.calls.flatMap(([ids]) => ids as string[])).toHaveLength(9);
  });

  it("splits a burst into lookups one request can take", () => {
    const flush = vi.fn();
    const batch = createLiveBatch(flush);
    const ids = Array.from({ length: 2 * LIVE_BATCH_IDS + 1 }, (_, i) => `m${i}`);
    batch.add(ids);
    vi.advanceTimersByTime(LIVE_BATCH_MS);
    expect(flush.mock.calls.map(([chunk]) => (chunk as string[]).length)).toEqual([LIVE_BATCH_IDS, LIVE_BATCH_IDS, 1]);
    expect(flush.mock.calls.flatMap(([chunk]) => chunk as string[])).toEqual(ids);
  });

  it("starts a new batch after a lookup, and drops what waits once cancelled", () => {
    const flush = vi.fn();
    const batch = createLiveBatch(flush);
    batch.add(["m1"]);
    vi.advanceTimersByTime(LIVE_BATCH_MS);
    batch.add(["m1"]);
    vi.advanceTimersByTime(LIVE_BATCH_MS);
    expect(flush.mock.calls).toEqual([[["m1"]], [["m1"]]]);
    batch.add(["m2"]);
    batch.cancel();
    vi.advanceTimersByTime(10 * LIVE_BATCH_MS);
    expect(flush).toHaveBeenCalledTimes(2);
  });
});
