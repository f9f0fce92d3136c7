import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "../lib/logger.ts";
import { createQueueWorker, type QueueWorkerOptions } from "./queue-worker.ts";

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * A queue whose batches the test answers one by one: each `runOnce` waits until the test
 * resolves it with how many jobs that batch took, so nothing depends on how long anything takes.
 */
function scriptedQueue() {
  const batches: { resolve(handled: number): void; reject(error: Error): void }[] = [];
  const waiters: (() => void)[] = [];
  const runOnce = () =>
    new Promise<number>((resolve, reject) => {
      batches.push({ resolve, reject });
      waiters.splice(0).forEach((wake) => wake());
    });
  /** The n-th batch (from 1) once the worker has asked for it. */
  async function batch(n: number) {
    while (batches.length < n) await new Promise<void>((wake) => waiters.push(wake));
    return batches[n - 1]!;
  }
  return { runOnce, batch, get asked() { return batches.length; } };
}

/** Lets every promise callback that is ready run (fake timers hold back only the timers). */
const settle = () => vi.advanceTimersByTimeAsync(0);

function worker(queue: ReturnType<typeof scriptedQueue>, options: Partial<QueueWorkerOptions> = {}) {
  return createQueueWorker({ runOnce: queue.runOnce, intervalMs: 60_000, logger: quiet, failureMessage: "test pass failed", ...options });
}

describe("queue worker", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs batches back to back while they find work, and stops at the first that finds none", async () => {
    const queue = scriptedQueue();
    const jobs = worker(queue);
    const drained = jobs.drain();
    (await queue.batch(1)).resolve(3);
    (await queue.batch(2)).resolve(2);
    (await queue.batch(3)).resolve(0);
    expect(await drained).toBe(5);
    await settle();
    expect(queue.asked).toBe(3);
  });

  it("rests after an empty pass until notified, then passes at once", async () => {
    const queue = scriptedQueue();
    const jobs = worker(queue);
    jobs.start();
    (await queue.batch(1)).resolve(0);
    await settle();
    // Resting: no timer has run, so nothing else was asked for.
    expect(queue.asked).toBe(1);
    jobs.notify();
    (await queue.batch(2)).resolve(1);
    (await queue.batch(3)).resolve(0);
    await settle();
    expect(queue.asked).toBe(3);
    const stopped = jobs.stop();
    await stopped;
  });

  it("passes again after the interval when nobody notified", async () => {
    const queue = scriptedQueue();
    const jobs = worker(queue);
    jobs.start();
    (await queue.batch(1)).resolve(0);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(queue.asked).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    (await queue.batch(2)).resolve(0);
    await jobs.stop();
  });

  it("on stop, lets the batch in flight finish and claims no more", async () => {
    const queue = scriptedQueue();
    const jobs = worker(queue);
    jobs.start();
    const inFlight = await queue.batch(1);
    let stopped = false;
    const stopping = jobs.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    // The batch found work, which would ask for another: stopping, the worker does not.
    inFlight.resolve(4);
    await stopping;
    expect(queue.asked).toBe(1);
  });

  it("waits for a drain a caller started when it stops", async () => {
    const queue = scriptedQueue();
    const jobs = worker(queue);
    const drained = jobs.drain();
    const inFlight = await queue.batch(1);
    let stopped = false;
    const stopping = jobs.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    inFlight.resolve(2);
    await stopping;
    expect(await drained).toBe(2);
    expect(queue.asked).toBe(1);
  });

  it("claims in several lanes at once when asked to", async () => {
    const queue = scriptedQueue();
    const jobs = worker(queue, { lanes: 2 });
    const drained = jobs.drain();
    // Both lanes asked before either batch was answered.
    const [first, second] = [await queue.batch(1), await queue.batch(2)];
    first.resolve(1);
    second.resolve(0);
    (await queue.batch(3)).resolve(0);
    expect(await drained).toBe(1);
  });

  it("logs a failing pass, and passes again after a rest that a notification does not cut short", async () => {
    const queue = scriptedQueue();
    const logged: { message: string; fields?: Record<string, unknown> }[] = [];
    const logger: Logger = { ...quiet, error: (message, fields) => logged.push({ message, ...(fields && { fields }) }) };
    const jobs = worker(queue, { intervalMs: 1_000, logger, loop: { random: () => 1 } });
    jobs.start();
    (await queue.batch(1)).reject(new Error("connection refused"));
    await settle();
    expect(logged).toEqual([{ message: "test pass failed", fields: { error: expect.any(String) } }]);
    jobs.notify();
    await settle();
    expect(queue.asked).toBe(1);
    // The interval plus one base delay of backoff (jitter pinned to its ceiling).
    await vi.advanceTimersByTimeAsync(2_000);
    (await queue.batch(2)).resolve(0);
    await jobs.stop();
  });

  it("drains until nothing waits, waiting out a job that is not due yet", async () => {
    const queue = scriptedQueue();
    const clock = new Date(Date.UTC(2026, 5, 1, 12, 0));
    const waiting = [{ count: 1, nextAt: new Date(clock.getTime() + 100) }, { count: 0, nextAt: null }];
    const jobs = worker(queue, { pending: async () => waiting.shift()!, now: () => clock });
    const drained = jobs.drainUntilEmpty();
    (await queue.batch(1)).resolve(2);
    (await queue.batch(2)).resolve(0);
    await settle();
    // The retry is due in 100 ms: nothing is asked before then.
    await vi.advanceTimersByTimeAsync(99);
    expect(queue.asked).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    (await queue.batch(3)).resolve(1);
    (await queue.batch(4)).resolve(0);
    expect(await drained).toBe(3);
  });
});
