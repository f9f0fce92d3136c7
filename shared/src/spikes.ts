import { z } from "zod";
import { LABELS, LABEL_INFO, labelSchema, type Label } from "./labels.ts";
import { platformSchema } from "./platform.ts";
import { postSummarySchema } from "./message.ts";

/**
 * Viral-spike monitoring: support load per post, campaign and platform, the surge alerts the
 * detector raises on it, and the backlog forecast. One definition for the API and the console.
 */

/** What a metric series is about: one post, a campaign (a set of posts), or a whole platform. */
export const SPIKE_SERIES_KINDS = ["post", "campaign", "platform"] as const;
export const spikeSeriesKindSchema = z.enum(SPIKE_SERIES_KINDS);
export type SpikeSeriesKind = z.infer<typeof spikeSeriesKindSchema>;

/** Bucket sizes kept: 1 minute (the detector's unit), 5 minutes and 1 hour (for long ranges). */
export const SPIKE_BUCKET_SECONDS = [60, 300, 3600] as const;
export type SpikeBucketSeconds = (typeof SPIKE_BUCKET_SECONDS)[number];

export const CAMPAIGN_SOURCES = ["manual", "creator"] as const;
export const SPIKE_ALERT_STATUSES = ["open", "resolved"] as const;
export const SPIKE_SEVERITIES = ["warning", "critical"] as const;
export const SPIKE_ALERT_EVENT_TYPES = ["started", "escalated", "resolved"] as const;
export const WEBHOOK_DELIVERY_STATUSES = ["pending", "sent", "failed", "skipped"] as const;
/** `volume`: more messages than the baseline allows; `issue_share`: a larger share of issue labels. */
export const SPIKE_TRIGGERS = ["volume", "issue_share"] as const;
export const spikeTriggerSchema = z.enum(SPIKE_TRIGGERS);
export type SpikeTrigger = z.infer<typeof spikeTriggerSchema>;
export const spikeSeveritySchema = z.enum(SPIKE_SEVERITIES);
export type SpikeSeverity = z.infer<typeof spikeSeveritySchema>;

/**
 * Labels that mean support work on an order or a purchase: every order problem, plus promo and
 * creator-code confusion (each one costs a reply and, unanswered, a lost sale). Their share of a
 * post's messages is what the issue-share test watches.
 */
export const ISSUE_LABELS: readonly Label[] = LABELS.filter((l) => LABEL_INFO[l].orderIssue || l === "promo_confusion");
export const isIssueLabel = (label: Label) => ISSUE_LABELS.includes(label);

export const labelCountSchema = z.object({
  label: labelSchema,
  count: z.number(),
  /** What the baseline expected in the same window. */
  expected: z.number(),
});
export type LabelCount = z.infer<typeof labelCountSchema>;

/** The figures behind an alert at one moment. Rates are per minute over the tested window. */
export const spikeNumbersSchema = z.object({
  windowMinutes: z.number(),
  received: z.number(),
  ratePerMinute: z.number(),
  baselinePerMinute: z.number(),
  /** ratePerMinute / baselinePerMinute. */
  ratio: z.number(),
  /** −log10 of the volume test's p-value: 7 means a one-in-ten-million surprise. */
  surprise: z.number(),
  issueCount: z.number(),
  issueShare: z.number(),
  baselineIssueShare: z.number(),
  shareSurprise: z.number(),
  negativeShare: z.number(),
  escalationsHigh: z.number(),
  escalationsMedium: z.number(),
  /** The labels driving the surge: most above what the baseline expected first. */
  labels: z.array(labelCountSchema),
});
export type SpikeNumbers = z.infer<typeof spikeNumbersSchema>;

/**
 * "Now", one definition for the whole spikes page (the posts table, the alerts and the header)
 * and for the alerts the webhook sends: messages received per minute over the last
 * `CURRENT_RATE_MINUTES` complete minutes (the minute still filling is left out, so a rate never
 * dips because its last minute is young), and the messages at risk: open ones at medium or high
 * escalation risk, which is the inbox's Escalations queue for the same post, campaign or platform.
 */
export const CURRENT_RATE_MINUTES = 5;

export const currentLoadSchema = z.object({
  /** Messages received per minute over the last `CURRENT_RATE_MINUTES` complete minutes, to 0.1. */
  ratePerMinute: z.number(),
  /** Open messages at medium or high escalation risk now (the Escalations queue). */
  atRisk: z.number(),
});
export type CurrentLoad = z.infer<typeof currentLoadSchema>;

/** Which complete minutes "now" covers: `from` inclusive, `to` exclusive (the current minute's start). */
export const currentWindowSchema = z.object({
  minutes: z.number(),
  from: z.string().datetime(),
  to: z.string().datetime(),
});
export type CurrentWindow = z.infer<typeof currentWindowSchema>;

/** Whether the brand has macros ready for a label that is surging. */
export const spikeReadinessSchema = z.object({
  label: labelSchema,
  macros: z.array(z.object({ id: z.string(), title: z.string() })),
  ready: z.boolean(),
  /** The macro to write when none is ready, from the playbook's list. */
  suggestion: z.string().nullable(),
});
export type SpikeReadiness = z.infer<typeof spikeReadinessSchema>;

export const spikeAlertEventSchema = z.object({
  type: z.enum(SPIKE_ALERT_EVENT_TYPES),
  severity: spikeSeveritySchema,
  at: z.string().datetime(),
  numbers: spikeNumbersSchema,
});

export const spikeAlertSchema = z.object({
  id: z.string(),
  seriesKind: spikeSeriesKindSchema,
  seriesId: z.string(),
  /** A readable name: the post, the campaign's name, or the platform. */
  seriesName: z.string(),
  platform: platformSchema.nullable(),
  post: postSummarySchema.nullable(),
  status: z.enum(SPIKE_ALERT_STATUSES),
  severity: spikeSeveritySchema,
  triggers: z.array(spikeTriggerSchema),
  startedAt: z.string().datetime(),
  detectedAt: z.string().datetime(),
  escalatedAt: z.string().datetime().nullable(),
  resolvedAt: z.string().datetime().nullable(),
  /** The figures of the window the detector tested (at detection, then at each later step). */
  numbers: spikeNumbersSchema,
  peak: spikeNumbersSchema,
  /** The alert's series now, by the page's one definition: the same figures as its row in the overview. */
  current: currentLoadSchema,
  readiness: z.array(spikeReadinessSchema),
  events: z.array(spikeAlertEventSchema),
}).meta({ id: "SpikeAlert" });
export type SpikeAlert = z.infer<typeof spikeAlertSchema>;

export const spikeAlertListQuerySchema = z.object({
  status: z.enum(SPIKE_ALERT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const spikeAlertListSchema = z.object({
  /** The complete minutes each alert's `current` rate covers. */
  currentWindow: currentWindowSchema,
  items: z.array(spikeAlertSchema),
});
export type SpikeAlertList = z.infer<typeof spikeAlertListSchema>;

/** One row of "top posts (or campaigns, platforms) by support load" over a window. */
export const spikeSeriesSummarySchema = z.object({
  kind: spikeSeriesKindSchema,
  id: z.string(),
  name: z.string(),
  platform: platformSchema.nullable(),
  post: postSummarySchema.nullable(),
  received: z.number(),
  /** The window's average: received ÷ the window's minutes (not "now": see `current`). */
  windowAveragePerMinute: z.number(),
  /** Now: the current rate and the messages at risk, by the page's one definition. */
  current: currentLoadSchema,
  issueCount: z.number(),
  issueShare: z.number(),
  negativeShare: z.number(),
  /** Messages received in the window at medium or high escalation risk when they arrived. */
  escalations: z.number(),
  repliesSent: z.number(),
  /** Open and unanswered now. */
  backlog: z.number(),
  medianFirstResponseSeconds: z.number().nullable(),
  topLabels: z.array(z.object({ label: labelSchema, count: z.number() })),
  openAlert: z.object({ id: z.string(), severity: spikeSeveritySchema }).nullable(),
});
export type SpikeSeriesSummary = z.infer<typeof spikeSeriesSummarySchema>;

export const spikeOverviewQuerySchema = z.object({
  /** The window the totals and rankings cover, ending at the detector's clock. */
  minutes: z.coerce.number().int().min(5).max(7 * 24 * 60).default(60),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

export const spikeOverviewSchema = z.object({
  /** The detector's clock (event time while traffic flows): the window ends here. */
  now: z.string().datetime(),
  minutes: z.number(),
  /** The complete minutes every `current` rate of this answer covers. */
  currentWindow: currentWindowSchema,
  totals: spikeSeriesSummarySchema.omit({ kind: true, id: true, name: true, platform: true, post: true, openAlert: true }),
  posts: z.array(spikeSeriesSummarySchema),
  campaigns: z.array(spikeSeriesSummarySchema),
  platforms: z.array(spikeSeriesSummarySchema),
  openAlerts: z.number(),
});
export type SpikeOverview = z.infer<typeof spikeOverviewSchema>;

export const spikeSeriesQuerySchema = z.object({
  kind: spikeSeriesKindSchema,
  /** Comma-separated series ids (post ids, campaign ids, platform names); at most 20. */
  ids: z
    .string()
    .min(1)
    .max(2000)
    .transform((value) => [...new Set(value.split(",").map((id) => id.trim()).filter(Boolean))])
    .refine((ids) => ids.length >= 1 && ids.length <= 20, "give 1 to 20 ids"),
  minutes: z.coerce.number().int().min(5).max(7 * 24 * 60).default(60),
  /** Bucket size; by default the smallest that keeps the chart under ~400 points. */
  bucket: z.coerce
    .number()
    .int()
    .refine((b) => (SPIKE_BUCKET_SECONDS as readonly number[]).includes(b), "bucket is one of 60, 300, 3600")
    .optional(),
});

/** Columns for a chart: `t` (unix seconds, bucket starts) and one array per measure, aligned. */
export const spikeSeriesDataSchema = z.object({
  bucketSeconds: z.number(),
  t: z.array(z.number()),
  /**
   * The start (unix seconds) of the bucket still filling — the last one, holding "now" — or null
   * when every bucket is complete. Its counts so far are not a rate: the console draws it as in
   * progress, never as a drop.
   */
  inProgressFrom: z.number().nullable(),
  series: z.array(
    z.object({
      kind: spikeSeriesKindSchema,
      id: z.string(),
      name: z.string(),
      received: z.array(z.number()),
      issue: z.array(z.number()),
      negative: z.array(z.number()),
      escalations: z.array(z.number()),
      handled: z.array(z.number()),
      repliesSent: z.array(z.number()),
      /** Open and unanswered at the end of each bucket. */
      backlog: z.array(z.number()),
    }),
  ),
});
export type SpikeSeriesData = z.infer<typeof spikeSeriesDataSchema>;

export const FORECAST_GROUPS = ["all", "order_issues", "promo_confusion"] as const;
export const forecastGroupSchema = z.enum(FORECAST_GROUPS);
export type ForecastGroup = z.infer<typeof forecastGroupSchema>;

export const FORECAST_GROUP_TITLES: Record<ForecastGroup, string> = {
  all: "whole",
  order_issues: "order-issue",
  promo_confusion: "promo-confusion",
};

/** Which labels each forecast group sums. */
export const FORECAST_GROUP_LABELS: Record<ForecastGroup, readonly Label[]> = {
  all: LABELS,
  order_issues: LABELS.filter((l) => LABEL_INFO[l].orderIssue),
  promo_confusion: ["promo_confusion"],
};

export const backlogForecastSchema = z.object({
  group: forecastGroupSchema,
  backlog: z.number(),
  arrivalsPerHour: z.number(),
  handledPerHour: z.number(),
  /** At the recent handle and arrival rates; null when the backlog is not shrinking. */
  clearsInMinutes: z.number().nullable(),
  /** If nothing new arrived: backlog ÷ handle rate; null when nobody handled any lately. */
  clearsInMinutesIfArrivalsStop: z.number().nullable(),
  growing: z.boolean(),
  text: z.string(),
});
export type BacklogForecast = z.infer<typeof backlogForecastSchema>;

export const spikeForecastSchema = z.object({
  now: z.string().datetime(),
  /** How far back the handle and arrival rates look. */
  rateWindowMinutes: z.number(),
  groups: z.array(backlogForecastSchema),
});
export type SpikeForecast = z.infer<typeof spikeForecastSchema>;

/** "3 h 10 min", "45 min", "2 d 4 h": how long, to the minute, as a person says it. */
export function formatDuration(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  if (total < 60) return `${total} min`;
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
}

/** The forecast as one sentence: "At this rate, the order-issue backlog clears in 3 h 10 min." */
export function forecastSentence(f: Pick<BacklogForecast, "group" | "backlog" | "clearsInMinutes" | "growing" | "handledPerHour" | "arrivalsPerHour">): string {
  const what = `the ${FORECAST_GROUP_TITLES[f.group]} backlog`;
  if (f.backlog === 0) return `${capitalize(what)} is empty.`;
  if (f.clearsInMinutes !== null) return `At this rate, ${what} clears in ${formatDuration(f.clearsInMinutes)}.`;
  if (f.handledPerHour <= 0) return `Nobody has handled any lately: ${what} (${f.backlog}) is not going down.`;
  const growth = Math.round(f.arrivalsPerHour - f.handledPerHour);
  return growth > 0
    ? `At this rate, ${what} (${f.backlog}) grows by ${growth} an hour.`
    : `At this rate, ${what} (${f.backlog}) holds steady.`;
}

function capitalize(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `PUT /api/spikes/webhook`: where to POST alerts and the key to sign them with. */
export const alertWebhookRequestSchema = z.object({
  url: z
    .string()
    .url()
    .max(2000)
    .refine((value) => {
      // Refinements run even when `.url()` failed: a value that is no URL at all is simply not https.
      const url = URL.canParse(value) ? new URL(value) : null;
      // Plain http only to this machine (a local receiver); anything else must be TLS.
      return url !== null && (url.protocol === "https:" || (url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)));
    }, "must be https:// (http:// only for localhost)"),
  /** At least 16 characters; required the first time, kept when omitted later. */
  secret: z.string().min(16).max(500).optional(),
  enabled: z.boolean().optional(),
});
export type AlertWebhookRequest = z.infer<typeof alertWebhookRequestSchema>;

/** The settings as the API shows them: never the secret. */
export const alertWebhookViewSchema = z.object({
  url: z.string(),
  enabled: z.boolean(),
  hasSecret: z.boolean(),
  updatedAt: z.string().datetime(),
});
export type AlertWebhookView = z.infer<typeof alertWebhookViewSchema>;

export const campaignRequestSchema = z.object({
  name: z.string().trim().min(1).max(200),
  source: z.enum(CAMPAIGN_SOURCES).default("manual"),
  creatorHandle: z
    .string()
    .trim()
    .max(100)
    .transform((h) => h.replace(/^@/, ""))
    .optional(),
  postIds: z.array(z.string().min(1).max(100)).max(1000).default([]),
  /** Posts by their platform id (the video or media id an admin sees in its link). */
  postExternalIds: z.array(z.string().min(1).max(100)).max(1000).default([]),
});
export type CampaignRequest = z.input<typeof campaignRequestSchema>;

export const campaignPostsPatchSchema = z
  .object({
    add: z.array(z.string().min(1).max(100)).max(1000).default([]),
    remove: z.array(z.string().min(1).max(100)).max(1000).default([]),
  })
  .refine((p) => p.add.length + p.remove.length > 0, "Give posts to add or remove.");

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  source: z.enum(CAMPAIGN_SOURCES),
  creatorHandle: z.string().nullable(),
  postIds: z.array(z.string()),
  /** The same posts with their readable names (caption, or kind and platform id). */
  posts: z.array(z.object({ id: z.string(), name: z.string(), platform: platformSchema.nullable() })),
  createdAt: z.string().datetime(),
}).meta({ id: "Campaign" });
export type Campaign = z.infer<typeof campaignSchema>;
