import { queryOptions } from "@tanstack/react-query";
import type { OrderBulkReplyRequest } from "@surgedesk/shared";
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

/** The order-side queues: asked of the shops on every read, so refreshed on a short interval. */
export const orderQueuesQueryOptions = queryOptions({
  queryKey: ["orders", "queues"] as const,
  queryFn: () => request(api.api.orders.queues.$get()),
  refetchInterval: 60_000,
});

export function replyToWaitingBuyers(body: OrderBulkReplyRequest) {
  return request(api.api.orders.queues.reply.$post({ json: body }));
}
