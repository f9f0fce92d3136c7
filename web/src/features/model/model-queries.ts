import { queryOptions } from "@tanstack/react-query";
import { modelOverviewSchema } from "@surgedesk/shared";
import { api, toApiError } from "../../lib/api.ts";

/** The workspace's model; polled every second while a retrain is queued or running. */
export const modelOverviewQueryOptions = queryOptions({
  queryKey: ["model"],
  queryFn: async () => {
    const res = await api.api.model.$get();
    if (res.status !== 200) throw await toApiError(res);
    return modelOverviewSchema.parse(await res.json());
  },
  refetchInterval: (query) => (query.state.data?.runs.some((r) => r.status === "queued" || r.status === "running") ? 1000 : false),
});

export async function requestRetrain() {
  const res = await api.api.model.retrain.$post();
  if (res.status !== 202) throw await toApiError(res);
  return res.json();
}

export async function rollBack() {
  const res = await api.api.model.rollback.$post();
  if (res.status !== 200) throw await toApiError(res);
  return res.json();
}
