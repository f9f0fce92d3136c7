import { z } from "zod";

/** A raw event ingestion gave up on, with why: the reason never holds customer text. */
export const deadLetteredEventSchema = z
  .object({
    id: z.number().int(),
    platform: z.string(),
    format: z.string(),
    source: z.string(),
    accountId: z.string().nullable(),
    reason: z.string().nullable(),
    attempts: z.number().int(),
    receivedAt: z.string().datetime(),
  })
  .meta({ id: "DeadLetteredEvent" });
export type DeadLetteredEvent = z.infer<typeof deadLetteredEventSchema>;

/** `GET /api/ingest/status`: is ingestion keeping up, and is any account or event stuck? */
export const ingestStatusSchema = z
  .object({
    totalEvents: z.number().int(),
    totalMessages: z.number().int(),
    pendingEvents: z.number().int(),
    failedEvents: z.number().int(),
    /** Seconds the oldest pending event has waited; 0 when none is pending. This is the lag. */
    oldestPendingAgeSeconds: z.number(),
    /** The newest events given up for this workspace's accounts (at most 50). */
    deadLettered: z.array(deadLetteredEventSchema),
    accounts: z.array(
      z.object({
        id: z.string(),
        channel: z.string(),
        externalAccountId: z.string(),
        handle: z.string().nullable(),
        status: z.string(),
        attentionReason: z.string().nullable(),
        throttledUntil: z.string().nullable(),
        lastError: z.string().nullable(),
        lastErrorAt: z.string().nullable(),
        cursors: z.object({ total: z.number().int(), failing: z.number().int(), itemsGathered: z.number().int() }),
        /** Per rate-limited platform endpoint: calls spent in the current minute of its budget. */
        callBudgets: z.array(z.object({ endpoint: z.string(), usedThisMinute: z.number().int(), perMinute: z.number().int() })),
      }),
    ),
  })
  .meta({ id: "IngestStatus" });
export type IngestStatus = z.infer<typeof ingestStatusSchema>;

/** `POST /api/ingest/failed/:id/retry`: the event is pending again, from its first attempt. */
export const retriedEventSchema = z.object({ id: z.number().int(), status: z.literal("pending") }).meta({ id: "RetriedEvent" });
export type RetriedEvent = z.infer<typeof retriedEventSchema>;
