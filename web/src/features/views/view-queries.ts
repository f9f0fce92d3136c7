import { queryOptions } from "@tanstack/react-query";
import type { SavedViewCreate, SavedViewPatch } from "@surgedesk/shared";
import { api, request } from "../../lib/api.ts";

/** The saved views' query keys, in one place. */
export const viewKeys = {
  list: ["views"] as const,
  counts: ["views", "counts"] as const,
};

export const viewsQueryOptions = queryOptions({
  queryKey: viewKeys.list,
  queryFn: async () => (await request(api.api.views.$get())).items,
  staleTime: 60_000,
});

/** Bounded counts ("1,000+"), refreshed with the queue counts when the live stream says something changed. */
export const viewCountsQueryOptions = queryOptions({
  queryKey: viewKeys.counts,
  queryFn: () => request(api.api.views.counts.$get()),
  staleTime: 5_000,
});

export const createView = (view: SavedViewCreate) => request(api.api.views.$post({ json: view }));
export const updateView = (id: string, patch: SavedViewPatch) => request(api.api.views[":id"].$patch({ param: { id }, json: patch }));
export const deleteView = (id: string) => request(api.api.views[":id"].$delete({ param: { id } }));
