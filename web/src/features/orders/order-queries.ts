import { queryOptions } from "@tanstack/react-query";
import type { OrderActionDecision, OrderActionPreviewRequest, OrderActionRequestDraft, OrderBulkReplyRequest } from "@surgedesk/shared";
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

/** A conversation's order actions; refreshed while one is still waiting, queued or running. */
export function orderActionsQueryOptions(messageId: string) {
  return queryOptions({
    queryKey: ["order-actions", messageId] as const,
    queryFn: () => request(api.api["order-actions"].$get({ query: { messageId } })),
    refetchInterval: (query) => (query.state.data?.actions.some((a) => a.status === "queued" || a.status === "running" || a.status === "awaiting_approval") ? 2_000 : false),
  });
}

/** Refunds waiting for an admin (admins only). */
export const orderApprovalsQueryOptions = queryOptions({
  queryKey: ["order-actions", "approvals"] as const,
  queryFn: () => request(api.api["order-actions"].approvals.$get()),
  refetchInterval: 30_000,
});

/** How many refunds wait for an admin (admins only), for the navigation's badge; kept live by `approvals.changed`. */
export const orderApprovalCountQueryOptions = queryOptions({
  queryKey: ["order-actions", "approvals", "count"] as const,
  queryFn: () => request(api.api["order-actions"].approvals.count.$get()),
  // The live event keeps it current; this only catches up after a missed one.
  refetchInterval: 120_000,
});

export const previewOrderAction = (body: OrderActionPreviewRequest) => request(api.api["order-actions"].preview.$post({ json: body }));
export const requestOrderAction = (body: OrderActionRequestDraft) => request(api.api["order-actions"].$post({ json: body }));
export const decideOrderAction = (id: string, body: OrderActionDecision) => request(api.api["order-actions"][":id"].decision.$post({ param: { id }, json: body }));
