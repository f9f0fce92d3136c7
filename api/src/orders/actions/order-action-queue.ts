import { orderActions } from "../../db/schema/index.ts";
import { createLeasedQueue } from "../../jobs/leased-queue.ts";

/**
 * The order actions as a leased queue: a row waits `queued` until `next_attempt_at`, is `running`
 * under a lease while a worker calls the shop, and is given up as `failed` with the reason.
 * Rows waiting for an admin (`awaiting_approval`) are not in it until approved.
 */
export function orderActionQueue(options: { leaseMs?: number; now?: () => Date } = {}) {
  return createLeasedQueue({
    table: orderActions,
    id: orderActions.id,
    order: orderActions.nextAttemptAt,
    status: { column: orderActions.status, queued: "queued", running: "running", dead: "failed" },
    dueAt: orderActions.nextAttemptAt,
    leaseUntil: orderActions.leaseUntil,
    attempts: orderActions.attempts,
    lastError: orderActions.lastError,
    ...options,
  });
}
