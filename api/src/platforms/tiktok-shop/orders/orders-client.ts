import { PlatformApiError } from "../../../connectors/contract.ts";
import { createShopTransport, type ShopClientOptions } from "../shop-transport.ts";
import {
  cancellationSearchDataSchema,
  orderDetailDataSchema,
  orderSearchDataSchema,
  returnSearchDataSchema,
  type OrderSearchPage,
  type TikTokCancellation,
  type TikTokOrder,
  type TikTokReturn,
} from "./order-payloads.ts";

export const ORDER_PATH = "/order/202309/orders";
export const RETURNS_SEARCH_PATH = "/return_refund/202309/returns/search";
export const CANCELLATIONS_SEARCH_PATH = "/return_refund/202309/cancellations/search";
/** Get Order Detail takes at most 50 ids a call. */
export const ORDER_DETAIL_MAX_IDS = 50;
export const ORDER_SEARCH_PAGE_MAX = 100;
export const AFTER_SALE_PAGE_MAX = 50;

/** The order search body's filter (202309), by the API's own names; times are unix seconds. */
export interface OrderSearchFilter {
  order_status?: string;
  buyer_user_id?: string;
  create_time_ge?: number;
  create_time_lt?: number;
  update_time_ge?: number;
  update_time_lt?: number;
  shipping_type?: "TIKTOK" | "SELLER";
  is_buyer_request_cancel?: boolean;
}

export interface PageRequest {
  pageSize?: number;
  pageToken?: string | null;
  sortField?: "create_time" | "update_time";
  sortOrder?: "ASC" | "DESC";
}

export type OrdersClient = ReturnType<typeof createOrdersClient>;

function pageQuery({ pageSize, pageToken, sortField = "create_time", sortOrder = "DESC" }: PageRequest, max: number): Record<string, string> {
  return {
    page_size: String(Math.max(1, Math.min(pageSize ?? max, max))),
    sort_field: sortField,
    sort_order: sortOrder,
    ...(pageToken && { page_token: pageToken }),
  };
}

/**
 * The orders and after-sales part of the TikTok Shop Partner API (202309), signed and refused
 * exactly as the customer-service client is (`shop-transport.ts`). Reads only: approving or
 * rejecting a request is an action, and actions go through the outbox.
 */
export function createOrdersClient(options: ShopClientOptions) {
  const { call, readData } = createShopTransport(options);

  return {
    /** Get Order Detail: the orders with these ids that the shop has (unknown ids are left out). */
    async getOrders(ids: readonly string[]): Promise<TikTokOrder[]> {
      if (ids.length === 0) return [];
      if (ids.length > ORDER_DETAIL_MAX_IDS) {
        throw new PlatformApiError("rejected", `TikTok Shop's Get Order Detail takes at most ${ORDER_DETAIL_MAX_IDS} ids (asked for ${ids.length}).`);
      }
      const { data } = await call("GET", ORDER_PATH, { ids: ids.join(",") });
      return readData("orders", data, orderDetailDataSchema).orders;
    },

    /** One page of the shop's orders matching the filter, newest first unless asked otherwise. */
    async searchOrders(filter: OrderSearchFilter, page: PageRequest = {}): Promise<OrderSearchPage> {
      const { data } = await call("POST", `${ORDER_PATH}/search`, pageQuery(page, ORDER_SEARCH_PAGE_MAX), filter);
      return readData("order search page", data, orderSearchDataSchema);
    },

    /** The return and refund requests on these orders (one page, newest first). */
    async searchReturns(orderIds: readonly string[], page: PageRequest = {}): Promise<{ returns: TikTokReturn[]; nextPageToken: string | null }> {
      if (orderIds.length === 0) return { returns: [], nextPageToken: null };
      const { data } = await call("POST", RETURNS_SEARCH_PATH, pageQuery(page, AFTER_SALE_PAGE_MAX), { order_ids: [...orderIds] });
      const read = readData("return search page", data, returnSearchDataSchema);
      return { returns: read.return_orders, nextPageToken: read.next_page_token || null };
    },

    /** The cancellation requests on these orders (one page, newest first). */
    async searchCancellations(
      orderIds: readonly string[],
      page: PageRequest = {},
    ): Promise<{ cancellations: TikTokCancellation[]; nextPageToken: string | null }> {
      if (orderIds.length === 0) return { cancellations: [], nextPageToken: null };
      const { data } = await call("POST", CANCELLATIONS_SEARCH_PATH, pageQuery(page, AFTER_SALE_PAGE_MAX), { order_ids: [...orderIds] });
      const read = readData("cancellation search page", data, cancellationSearchDataSchema);
      return { cancellations: read.cancellations, nextPageToken: read.next_page_token || null };
    },
  };
}
