import type { QueryClient } from "@tanstack/react-query";
import type { FoundOrder, LiveOrderChangedEvent, OrderSearchResponse, SuggestionsResponse } from "@surgedesk/shared";

/**
 * `order.changed` names the order by its owning system's id: TikTok Shop's order id, or for
 * Shopify its name or GraphQL id. An order mirrored in both systems carries both ids, so a
 * TikTok Shop event also reaches the panel showing its Shopify copy.
 */
export function isChangedOrder(order: FoundOrder, event: LiveOrderChangedEvent): boolean {
  if (event.system === "tiktok_shop") return order.tiktokOrderId === event.orderId;
  return order.shopifyId === event.orderId || order.shopifyName === event.orderId;
}

const shows = (orders: readonly (FoundOrder | null)[], event: LiveOrderChangedEvent) => orders.some((o) => o !== null && isChangedOrder(o, event));

/**
 * Reads again whatever shows the changed order: a message's suggestions (the order panel and the
 * macro values filled from it) and a manual search's answer. Only queries on screen refetch now;
 * the others are marked stale and read again when next shown. Other orders' queries are left alone.
 */
export function refetchChangedOrder(queryClient: QueryClient, event: LiveOrderChangedEvent): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) => {
      const [area, kind] = query.queryKey;
      if (area === "replies" && kind === "suggestions") {
        const data = query.state.data as SuggestionsResponse | undefined;
        return data !== undefined && shows([data.order.order, ...data.order.otherOrders], event);
      }
      if (area === "orders" && kind === "search") {
        const data = query.state.data as OrderSearchResponse | undefined;
        return data !== undefined && shows(data.orders, event);
      }
      return false;
    },
  });
}
