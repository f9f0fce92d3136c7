import { createBackgroundLoop, type BackgroundLoopOptions } from "../lib/background-loop.ts";
import type { Logger } from "../lib/logger.ts";
import { describeError } from "../lib/safe-error.ts";

export interface QueueWorkerOptions {
  /** One batch: claims what is due, works it and answers how many jobs it took (0: nothing was due). */
  runOnce(): Promise<number>;
  /**
   * Batches in flight at once, each lane claiming batch after batch until none is left (default
   * 1). Only for a queue whose claims skip each other's jobs (`SKIP LOCKED`).
   */
  lanes?: number;
  /** The rest between passes when nobody notified: work other processes wrote, retries falling due. */
  intervalMs: number;
  logger: Logger;
  /** What a failing pass is logged as; the loop then rests longer after each failure in a row. */
  failureMessage: string;
  /**
   * How many jobs still wait or are held, and when the soonest falls due (`LeasedQueue.pending`):
   * lets `drainUntilEmpty` wait out retry delays and leases.
   */
  pending?(): Promise<{ count: number; nextAt: Date | null }>;
  /** The clock `pending`'s times are read against (the queue's own). */
  now?: () => Date;
  loop?: BackgroundLoopOptions;
}

export interface QueueWorker {
  start(): void;
  /** Claims no more and resolves once the batches in flight have finished: what is left waits for the next start. */
  stop(): Promise<void>;
  /** New work was queued: pass now rather than after the interval. */
  notify(): void;
  /**
   * Passes until one finds nothing due; answers how many jobs were taken. Drains in this process
   * run one after another (the loop's passes too); other processes are kept apart by the claims.
   */
  drain(): Promise<number>;
  /**
   * Drains, then waits for what is not due yet (a retry's delay, another claim's lease) and drains
   * again, until nothing waits or is held. Needs `pending`; throws after `timeoutMs`.
   */
  drainUntilEmpty(options?: { timeoutMs?: number }): Promise<number>;
}

/**
 * The loop every queue worker runs around its own `runOnce`: a pass at start, passes back to
 * back while they find work, a rest of `intervalMs` once one finds none, cut short by `notify`
 * (`lib/background-loop.ts`, which also backs off after failing passes). `stop` lets the batches
 * in flight finish, so their outcomes are recorded before the process exits.
 */
export function createQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const { runOnce, lanes = 1, logger, failureMessage } = options;
  const now = options.now ?? (() => new Date());
  let busy: Promise<number> = Promise.resolve(0);
  /** Set by `stop`: the batches in flight finish, no new one is claimed. */
  let stopping = false;

  async function lane(): Promise<number> {
    let total = 0;
    while (!stopping) {
      const handled = await runOnce();
      total += handled;
      if (handled === 0) break;
    }
    return total;
  }

  function drain(): Promise<number> {
    const run = async () => (await Promise.all(Array.from({ length: lanes }, lane))).reduce((a, b) => a + b, 0);
    busy = busy.then(run, run);
    return busy;
  }

  async function drainUntilEmpty({ timeoutMs = 60_000 } = {}): Promise<number> {
    const { pending } = options;
    if (!pending) throw new Error("this queue worker cannot see what is pending");
    const deadline = Date.now() + timeoutMs;
    let total = 0;
    for (;;) {
      const handled = await drain();
      total += handled;
      if (stopping) return total;
      const waiting = await pending();
      if (waiting.count === 0) return total;
      if (Date.now() > deadline) throw new Error(`drain timed out with ${waiting.count} jobs pending`);
      // Back as soon as the soonest job falls due, but look again within a quarter second: a
      // job another worker holds may settle before its lease ends.
      const wait = waiting.nextAt ? waiting.nextAt.getTime() - now().getTime() : 50;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(5, wait))));
    }
  }

  const loop = createBackgroundLoop(drain, options.intervalMs, (error) => logger.error(failureMessage, { error: describeError(error) }), options.loop);

  return {
    start() {
      stopping = false;
      loop.start();
    },
    async stop() {
      stopping = true;
      await loop.stop();
      await busy.catch(() => undefined);
    },
    notify: () => loop.notify(),
    drain,
    drainUntilEmpty,
  };
}
