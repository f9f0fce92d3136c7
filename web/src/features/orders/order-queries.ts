import { queryOptions } from "@tanstack/react-query";
import { api, request } from "../../lib/api.ts";

/** The order panel's manual search: asked only once the agent submits a text. */
export function orderSearchQueryOptions(q: string) {
  return queryOptions({
    queryKey: ["orders", "search", q] as const,
    queryFn: () => request(api.api.orders.search.$get({ query: { q } })),
    enabled: q.trim().length >= 3,
    retry: false,
  });
}
