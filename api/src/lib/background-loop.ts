import { backoffDelay } from "./backoff.ts";

export interface BackgroundLoop {
  start(): void;
  /** Finishes the pass in progress, then stops. */
  stop(): Promise<void>;
  /** Run another pass now rather than after the interval (new work just arrived). */
  notify(): void;
}

export interface BackgroundLoopOptions {
  /** The longest rest after failing passes in a row (default 60 s, never below the interval). */
  maxBackoffMs?: number;
  /** Injected for tests; Math.random in production. */
  random?: () => number;
}

/**
 * How long to rest before the next pass: the interval, or after `failures` failing passes in a
 * row, the interval plus an exponential backoff with full jitter, so a loop whose database is
 * unreachable does not spin on errors, and many processes do not retry in step.
 */
export function restBeforeNextPass(failures: number, intervalMs: number, { maxBackoffMs = 60_000, random }: BackgroundLoopOptions = {}): number {
  if (failures === 0) return intervalMs;
  const maxMs = Math.max(intervalMs, maxBackoffMs);
  return Math.min(maxMs, intervalMs + backoffDelay(failures - 1, { baseMs: intervalMs, maxMs, ...(random ? { random } : {}) }));
}

/**
 * Runs `pass` again and again until stopped, resting `intervalMs` between passes unless
 * notified. A notification during a pass is remembered, so work that arrived while the pass
 * ran is not left waiting for the next interval. A failing pass is reported and retried after a
 * growing rest (see `restBeforeNextPass`) that notifications do not cut short.
 */
export function createBackgroundLoop(
  pass: () => Promise<unknown>,
  intervalMs: number,
  onError: (error: unknown) => void,
  options: BackgroundLoopOptions = {},
): BackgroundLoop {
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let notified = false;
  let failures = 0;

  async function run() {
    while (running) {
      notified = false;
      try {
        await pass();
        failures = 0;
      } catch (error) {
        failures += 1;
        onError(error);
      }
      if (!running) break;
      if (notified && failures === 0) continue;
      const restMs = restBeforeNextPass(failures, intervalMs, options);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, restMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
    notify() {
      notified = true;
      // While failing, the backoff holds: new work must not turn the rest into a hot loop.
      if (failures === 0) wake?.();
    },
  };
}
