import { queryOptions } from "@tanstack/react-query";
import type { SpikeSeriesKind } from "@surgedesk/shared";
import { api, toApiError } from "../../lib/api.ts";

/** The spikes page is live: every query looks again every few seconds. */
const LIVE_MS = 5_000;

export function overviewQueryOptions(minutes: number) {
  return queryOptions({
    queryKey: ["spikes", "overview", minutes],
    queryFn: async () => {
      const res = await api.api.spikes.overview.$get({ query: { minutes: String(minutes), limit: "10" } });
      if (res.status !== 200) throw await toApiError(res);
      return res.json();
    },
    refetchInterval: LIVE_MS,
  });
}

export function seriesQueryOptions(kind: SpikeSeriesKind, ids: string[], minutes: number) {
  return queryOptions({
    queryKey: ["spikes", "series", kind, ids, minutes],
    queryFn: async () => {
      const res = await api.api.spikes.series.$get({ query: { kind, ids: ids.join(","), minutes: String(minutes) } });
      if (res.status !== 200) throw await toApiError(res);
      return res.json();
    },
    enabled: ids.length > 0,
    refetchInterval: LIVE_MS,
    // Keep the old chart on screen while the next window loads.
    placeholderData: (previous) => previous,
  });
}

export const alertsQueryOptions = queryOptions({
  queryKey: ["spikes", "alerts"],
  queryFn: async () => {
    const res = await api.api.spikes.alerts.$get({ query: { limit: "30" } });
    if (res.status !== 200) throw await toApiError(res);
    return res.json();
  },
  refetchInterval: LIVE_MS,
});

export const forecastQueryOptions = queryOptions({
  queryKey: ["spikes", "forecast"],
  queryFn: async () => {
    const res = await api.api.spikes.forecast.$get();
    if (res.status !== 200) throw await toApiError(res);
    return res.json();
  },
  refetchInterval: LIVE_MS,
});
