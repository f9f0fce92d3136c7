import { queryOptions } from "@tanstack/react-query";
import type { SpikeSeriesKind } from "@surgedesk/shared";
import { api, request } from "../../lib/api.ts";

/** The spikes pages' query keys, in one place: the queries here and in the settings use them, and so does every invalidation. */
export const spikeKeys = {
  /** Everything on the spikes pages: a campaign change moves the charts, the tables and the alerts. */
  all: ["spikes"] as const,
  overview: (minutes: number) => ["spikes", "overview", minutes] as const,
  series: (kind: SpikeSeriesKind, ids: string[], minutes: number) => ["spikes", "series", kind, ids, minutes] as const,
  alerts: ["spikes", "alerts"] as const,
  forecast: ["spikes", "forecast"] as const,
  campaigns: ["spikes", "campaigns"] as const,
  campaignPostChoices: ["spikes", "overview", "post-choices"] as const,
  webhook: ["spikes", "webhook"] as const,
};

/** The spikes page is live: every query looks again every few seconds. */
const LIVE_MS = 5_000;

export function overviewQueryOptions(minutes: number) {
  return queryOptions({
    queryKey: spikeKeys.overview(minutes),
    queryFn: () => request(api.api.spikes.overview.$get({ query: { minutes: String(minutes), limit: "10" } })),
    refetchInterval: LIVE_MS,
  });
}

export function seriesQueryOptions(kind: SpikeSeriesKind, ids: string[], minutes: number) {
  return queryOptions({
    queryKey: spikeKeys.series(kind, ids, minutes),
    queryFn: () => request(api.api.spikes.series.$get({ query: { kind, ids: ids.join(","), minutes: String(minutes) } })),
    enabled: ids.length > 0,
    refetchInterval: LIVE_MS,
    // Keep the old chart on screen while the next window loads.
    placeholderData: (previous) => previous,
  });
}

export const alertsQueryOptions = queryOptions({
  queryKey: spikeKeys.alerts,
  queryFn: () => request(api.api.spikes.alerts.$get({ query: { limit: "30" } })),
  refetchInterval: LIVE_MS,
});

export const forecastQueryOptions = queryOptions({
  queryKey: spikeKeys.forecast,
  queryFn: () => request(api.api.spikes.forecast.$get()),
  refetchInterval: LIVE_MS,
});
