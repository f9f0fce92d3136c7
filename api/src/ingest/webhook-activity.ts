import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { connectedAccounts } from "../db/schema/index.ts";
import type { Logger } from "../lib/logger.ts";
import { describeError } from "../lib/safe-error.ts";
import type { NewInboundEvent } from "./new-inbound-event.ts";

/** At most one write per account this often: during a surge deliveries arrive by the thousand. */
export const WEBHOOK_ACTIVITY_INTERVAL_MS = 5_000;
/** Keys remembered at most; past it the memory starts again (one extra write per account). */
const MAX_REMEMBERED = 10_000;

export interface WebhookActivity {
  /** Notes a stored delivery; writes `last_webhook_at` unless this account's was written moments ago. */
  stored(event: NewInboundEvent): void;
  /** The writes in flight, for tests and a clean stop. */
  settled(): Promise<void>;
}

/**
 * "Last webhook received" on each connected account, for its health in Settings. Recorded after
 * a delivery is stored, off the request's path (the platform's 200 never waits for it), and at
 * most once per account per WEBHOOK_ACTIVITY_INTERVAL_MS in this process: the timestamp is for a
 * person to read, so being a few seconds behind costs nothing, and a surge costs a handful of
 * updates instead of one per event. `greatest` keeps it from going back when processes race.
 */
export function createWebhookActivity(db: Database, logger: Logger, clock: () => number = Date.now): WebhookActivity {
  const lastWritten = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  return {
    stored(event) {
      if (event.source !== "webhook") return;
      const ref = event.accountRef;
      const key = event.accountId ?? (ref ? `${ref.channel}\u0001${ref.externalAccountId}` : null);
      if (!key) return;
      const now = clock();
      const last = lastWritten.get(key);
      if (last !== undefined && now - last < WEBHOOK_ACTIVITY_INTERVAL_MS) return;
      if (lastWritten.size >= MAX_REMEMBERED) lastWritten.clear();
      lastWritten.set(key, now);
      const at = new Date(now);
      const which = event.accountId
        ? eq(connectedAccounts.id, event.accountId)
        : and(eq(connectedAccounts.channel, ref!.channel as (typeof connectedAccounts.channel.enumValues)[number]), eq(connectedAccounts.externalAccountId, ref!.externalAccountId));
      const write = db
        .update(connectedAccounts)
        .set({ lastWebhookAt: sql`greatest(${connectedAccounts.lastWebhookAt}, ${at.toISOString()}::timestamptz)` })
        .where(which)
        .then(
          () => undefined,
          (error: unknown) => logger.warn("last webhook time not recorded", { error: describeError(error) }),
        )
        .finally(() => inFlight.delete(write));
      inFlight.add(write);
    },
    async settled() {
      await Promise.all([...inFlight]);
    },
  };
}
