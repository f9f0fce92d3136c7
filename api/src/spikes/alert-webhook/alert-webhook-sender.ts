import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { spikeAlertEvents, spikeAlerts } from "../../db/schema/index.ts";
import { createLeasedQueue } from "../../jobs/leased-queue.ts";
import type { Logger } from "../../lib/logger.ts";
import { createOutboundFetch, type OutboundFetch } from "../../outbound/outbound-fetch.ts";
import { createOutboundPolicy } from "../../outbound/address-policy.ts";
import { labelSeries } from "../queries/series-names.ts";
import { readCurrentLoad } from "../queries/current-load.ts";
import { readForecast } from "../queries/read-forecast.ts";
import { alertMessage } from "./alert-message.ts";
import { ALERT_SIGNATURE_HEADER, signAlertPayload } from "./alert-signature.ts";
import { readWebhookSettings, webhookSecret } from "./alert-webhook-settings.ts";

/** After this many failed attempts (about a day of backoff) an event is marked failed. */
export const MAX_WEBHOOK_ATTEMPTS = 12;
const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

export interface AlertWebhookSenderOptions {
  db: Database;
  logger: Logger;
  encryptionKey: Buffer | undefined;
  /** The console's base URL, for "open the queue" links; null leaves them out. */
  publicUrl: string | null;
  /** User-supplied URLs: by default the address-checked fetch with no private host allowed. */
  fetch?: OutboundFetch;
  now?: () => Date;
  random?: () => number;
}

/**
 * Delivers alert events to the workspace's webhook from the outbox (`spike_alert_events`), a
 * leased queue: each claimed with a lease committed before the HTTP call, POSTed signed, then
 * marked sent — or retried after a jittered backoff, and failed after `MAX_WEBHOOK_ATTEMPTS`. Any 2xx
 * is success; a receiver must be idempotent on the `X-Surgedesk-Event` id.
 */
export function createAlertWebhookSender(options: AlertWebhookSenderOptions) {
  const { db, logger } = options;
  const doFetch = options.fetch ?? createOutboundFetch(createOutboundPolicy());
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;

  // The lease is the next attempt's time pushed ahead: an event whose sender died is simply due again.
  const queue = createLeasedQueue({
    table: spikeAlertEvents,
    id: spikeAlertEvents.id,
    order: spikeAlertEvents.webhookNextAttemptAt,
    status: { column: spikeAlertEvents.webhookStatus, queued: "pending", dead: "failed" },
    dueAt: spikeAlertEvents.webhookNextAttemptAt,
    leaseUntil: spikeAlertEvents.webhookNextAttemptAt,
    leaseMs: LEASE_MS,
    attempts: spikeAlertEvents.webhookAttempts,
    lastError: spikeAlertEvents.webhookLastError,
    maxAttempts: MAX_WEBHOOK_ATTEMPTS,
    // The first retry waits up to 10 s, each next one up to twice as long, at most 30 minutes.
    backoff: { baseMs: 10_000, maxMs: 30 * 60_000, random },
    now,
  });

  async function deliver(event: typeof spikeAlertEvents.$inferSelect): Promise<void> {
    const settings = await readWebhookSettings(db, event.workspaceId);
    if (!settings?.enabled) {
      await queue.settle(db, event, { webhookStatus: "skipped" });
      return;
    }
    const [alert] = await db.select().from(spikeAlerts).where(eq(spikeAlerts.id, event.alertId));
    if (!alert) return;
    const names = await labelSeries(db, event.workspaceId, [{ kind: alert.seriesKind, id: alert.seriesId }]);
    const forecast = (await readForecast(db, event.workspaceId, event.at)).groups.find((g) => g.group === "order_issues");
    const current = (await readCurrentLoad(db, event.workspaceId, [{ kind: alert.seriesKind, id: alert.seriesId }], event.at)).of(alert.seriesKind, alert.seriesId);
    const name = names.get(`${alert.seriesKind}:${alert.seriesId}`);
    const postId = alert.postId;
    const body = JSON.stringify(
      alertMessage({
        type: event.type,
        severity: event.severity,
        seriesName: name?.name ?? alert.seriesId,
        platform: name?.platform ?? null,
        numbers: event.numbers,
        current: event.type === "resolved" ? null : current,
        readiness: event.readiness,
        queueUrl: options.publicUrl && postId ? `${options.publicUrl}/inbox?postId=${encodeURIComponent(postId)}` : null,
        forecast: forecast && forecast.backlog > 0 ? forecast.text : null,
      }),
    );
    try {
      const response = await doFetch(settings.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [ALERT_SIGNATURE_HEADER]: signAlertPayload(body, webhookSecret(settings, options.encryptionKey), now()),
          "X-Surgedesk-Event": event.id,
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status < 200 || response.status >= 300) throw new Error(`the receiver answered ${response.status}`);
      await queue.settle(db, event, { webhookStatus: "sent", webhookSentAt: now(), webhookLastError: null });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      logger.warn("alert webhook delivery failed", { eventId: event.id, attempt: event.webhookAttempts, error: message });
      await queue.retry(db, event, { reason: message });
    }
  }

  return {
    /** Sends what is due; returns how many events were attempted. */
    async sendDue(limit = 20): Promise<number> {
      const events = await queue.claim(db, { limit });
      await Promise.all(events.map(deliver));
      return events.length;
    },
  };
}
