import { http, type RequestHandler } from "msw";
import { AfterSaleRefusal, InvalidSearch, type SearchPaging } from "./emulated-orders.ts";
import type { EmulatedShop } from "./emulated-shop.ts";
import { pageSize, Refusal, SHOP_CODE, type ShopGateway } from "./shop-gateway.ts";

const ORDER_PATH = "/order/202309/orders";
const RETURN_REFUND_PATH = "/return_refund/202309";
const MAX_ORDER_IDS = 50;
const MAX_ORDER_SEARCH_PAGE = 100;
const MAX_AFTER_SALE_PAGE = 50;
const ORDER_STATUSES = new Set(["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING", "AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED", "CANCELLED"]);
const TIME_FILTERS = ["create_time_ge", "create_time_lt", "update_time_ge", "update_time_lt"];
const LIST_FILTERS = ["order_ids", "return_ids", "cancel_ids", "buyer_user_ids", "return_types", "return_status", "cancel_types", "cancel_status"];

function paging(url: URL, max: number): SearchPaging {
  const sortField = url.searchParams.get("sort_field") ?? "create_time";
  if (sortField !== "create_time" && sortField !== "update_time") throw new Refusal(SHOP_CODE.invalidParams, "sort_field: must be create_time or update_time.");
  const sortOrder = url.searchParams.get("sort_order") ?? "DESC";
  if (sortOrder !== "ASC" && sortOrder !== "DESC") throw new Refusal(SHOP_CODE.invalidParams, "sort_order: must be ASC or DESC.");
  return { pageSize: pageSize(url.searchParams.get("page_size"), max), pageToken: url.searchParams.get("page_token") || undefined, sortField, sortOrder };
}

/** A search body: a JSON object whose filters have the documented types. */
function filterOf(body: string): Record<string, unknown> {
  let filter: unknown;
  try {
    filter = body.trim() === "" ? {} : JSON.parse(body);
  } catch {
    throw new Refusal(SHOP_CODE.invalidParams, "The request body is not valid JSON.");
  }
  if (typeof filter !== "object" || filter === null || Array.isArray(filter)) throw new Refusal(SHOP_CODE.invalidParams, "The request body must be a JSON object.");
  const record = filter as Record<string, unknown>;
  for (const key of TIME_FILTERS) {
    if (record[key] !== undefined && !Number.isInteger(record[key])) throw new Refusal(SHOP_CODE.invalidParams, `${key}: must be a unix timestamp in seconds.`);
  }
  for (const key of LIST_FILTERS) {
    const value = record[key];
    if (value !== undefined && !(Array.isArray(value) && value.every((v) => typeof v === "string"))) {
      throw new Refusal(SHOP_CODE.invalidParams, `${key}: must be a list of strings.`);
    }
  }
  if (record.buyer_user_id !== undefined && typeof record.buyer_user_id !== "string") throw new Refusal(SHOP_CODE.invalidParams, "buyer_user_id: must be a string.");
  if (record.order_status !== undefined && !ORDER_STATUSES.has(String(record.order_status))) throw new Refusal(SHOP_CODE.invalidParams, "order_status: unknown status.");
  return record;
}

function searching<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof InvalidSearch) throw new Refusal(SHOP_CODE.invalidParams, error.message);
    throw error;
  }
}

const REFUSAL_CODE = { not_found: SHOP_CODE.afterSaleNotFound, status: SHOP_CODE.requestStatusInvalid, params: SHOP_CODE.invalidParams } as const;

/**
 * A seller's decision, once per `idempotency_key`: a repeat with a key already used is answered
 * as the first was, without deciding again; the shop's refusals come back in its envelope.
 */
function deciding(shop: EmulatedShop, url: URL, decide: () => void): Record<string, never> {
  const key = url.searchParams.get("idempotency_key");
  if (key && shop.orderBook.decisionKeys.has(key)) return {};
  try {
    decide();
  } catch (error) {
    if (error instanceof AfterSaleRefusal) throw new Refusal(REFUSAL_CODE[error.kind], error.message);
    throw error;
  }
  if (key) shop.orderBook.decisionKeys.set(key, url.pathname);
  return {};
}

function bodyOf(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = body.trim() === "" ? {} : JSON.parse(body);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    throw new Refusal(SHOP_CODE.invalidParams, "The request body is not valid JSON.");
  }
}

const reasonOf = (body: Record<string, unknown>) => (typeof body.reject_reason === "string" && body.reject_reason.trim() !== "" ? body.reject_reason : null);

/**
 * msw handlers for the orders and after-sales endpoints (202309), each through the emulated
 * gateway's checks: Get Order Detail, order search, return/refund search, cancellation search.
 */
export function orderApiHandlers(baseUrl: string, { serve }: ShopGateway): RequestHandler[] {
  return [
    http.get(`${baseUrl}${ORDER_PATH}`, ({ request }) =>
      serve(request, undefined, (shop, url) => {
        const ids = (url.searchParams.get("ids") ?? "").split(",").filter((id) => id !== "");
        if (ids.length === 0 || ids.length > MAX_ORDER_IDS) throw new Refusal(SHOP_CODE.invalidParams, `ids: between 1 and ${MAX_ORDER_IDS} order ids.`);
        if (!ids.every((id) => /^\d{1,20}$/.test(id))) throw new Refusal(SHOP_CODE.invalidParams, "ids: order ids are numeric strings.");
        return shop.orderBook.detail(ids);
      }),
    ),
    http.post(`${baseUrl}${ORDER_PATH}/search`, async ({ request }) => {
      const body = await request.clone().text();
      return serve(request, body, (shop, url) => searching(() => shop.orderBook.searchOrders(filterOf(body), paging(url, MAX_ORDER_SEARCH_PAGE))));
    }),
    http.post(`${baseUrl}${RETURN_REFUND_PATH}/returns/search`, async ({ request }) => {
      const body = await request.clone().text();
      return serve(request, body, (shop, url) => searching(() => shop.orderBook.searchReturns(filterOf(body), paging(url, MAX_AFTER_SALE_PAGE))));
    }),
    http.post(`${baseUrl}${RETURN_REFUND_PATH}/cancellations/search`, async ({ request }) => {
      const body = await request.clone().text();
      return serve(request, body, (shop, url) => searching(() => shop.orderBook.searchCancellations(filterOf(body), paging(url, MAX_AFTER_SALE_PAGE))));
    }),
    http.post(`${baseUrl}${RETURN_REFUND_PATH}/cancellations/:cancelId/:decision`, async ({ request, params }) => {
      const body = await request.clone().text();
      const decision = String(params.decision);
      if (decision !== "approve" && decision !== "reject") return undefined;
      return serve(request, body, (shop, url) =>
        deciding(shop, url, () => shop.orderBook.decideCancellation(String(params.cancelId), decision, reasonOf(bodyOf(body)))),
      );
    }),
    http.post(`${baseUrl}${RETURN_REFUND_PATH}/returns/:returnId/:decision`, async ({ request, params }) => {
      const body = await request.clone().text();
      const decision = String(params.decision);
      if (decision !== "approve" && decision !== "reject") return undefined;
      return serve(request, body, (shop, url) =>
        deciding(shop, url, () => {
          const fields = bodyOf(body);
          const said = typeof fields.decision === "string" ? fields.decision : "";
          if (!said.startsWith(decision.toUpperCase())) throw new Refusal(SHOP_CODE.invalidParams, `decision: must be an ${decision.toUpperCase()}_… decision on this endpoint.`);
          shop.orderBook.decideReturn(String(params.returnId), said, reasonOf(fields));
        }),
      );
    }),
  ];
}
