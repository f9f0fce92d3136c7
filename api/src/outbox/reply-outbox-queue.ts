import { replyOutbox } from "../db/schema/index.ts";
import { createLeasedQueue } from "../jobs/leased-queue.ts";

/**
 * The reply outbox as a leased queue: a row waits `queued` until `next_attempt_at`, is `sending`
 * under a lease while a worker calls the platform, and is given up as `failed` with the reason.
 * Its retries are decided by `retryDecision`, which knows the platforms' errors.
 */
export function replyOutboxQueue(options: { leaseMs?: number; now?: () => Date } = {}) {
  return createLeasedQueue({
    table: replyOutbox,
    id: replyOutbox.id,
    order: replyOutbox.nextAttemptAt,
    status: { column: replyOutbox.status, queued: "queued", running: "sending", dead: "failed" },
    dueAt: replyOutbox.nextAttemptAt,
    leaseUntil: replyOutbox.leaseUntil,
    attempts: replyOutbox.attempts,
    lastError: replyOutbox.lastError,
    ...options,
  });
}
