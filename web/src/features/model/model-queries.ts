import { queryOptions } from "@tanstack/react-query";
import { modelOverviewSchema } from "@surgedesk/shared";
import { api, request } from "../../lib/api.ts";

/** The workspace's model; polled every second while a retrain is queued or running. */
export const modelOverviewQueryOptions = queryOptions({
  queryKey: ["model"],
  queryFn: async () => modelOverviewSchema.parse(await request(api.api.model.$get())),
  refetchInterval: (query) => (query.state.data?.runs.some((r) => r.status === "queued" || r.status === "running") ? 1000 : false),
});

export function requestRetrain() {
  return request(api.api.model.retrain.$post());
}

export function rollBack() {
  return request(api.api.model.rollback.$post());
}
