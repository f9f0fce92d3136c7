export interface BackgroundLoop {
  start(): void;
  /** Finishes the pass in progress, then stops. */
  stop(): Promise<void>;
  /** Run another pass now rather than after the interval (new work just arrived). */
  notify(): void;
}

/**
 * Runs `pass` again and again until stopped, resting `intervalMs` between passes unless
 * notified. A notification during a pass is remembered, so work that arrived while the pass
 * ran is not left waiting for the next interval. A failing pass is reported and retried.
 */
export function createBackgroundLoop(pass: () => Promise<unknown>, intervalMs: number, onError: (error: unknown) => void): BackgroundLoop {
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let notified = false;

  async function run() {
    while (running) {
      notified = false;
      try {
        await pass();
      } catch (error) {
        onError(error);
      }
      if (!running) break;
      if (notified) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
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
      wake?.();
    },
  };
}
