import { http, HttpResponse, type RequestHandler } from "msw";
import type { EmulatedOrder, ShopifyStore } from "./shopify-store.ts";

function renderOrder(order: EmulatedOrder) {
  return {
    name: order.name,
    email: order.email,
    createdAt: order.createdAt.toISOString(),
    sourceName: order.sourceName,
    displayFinancialStatus: order.financialStatus,
    displayFulfillmentStatus: order.fulfillmentStatus,
    customer: order.customerName ? { displayName: order.customerName, firstName: order.customerName.split(" ")[0] ?? null } : null,
    fulfillments: order.tracking
      ? [{ status: "SUCCESS", estimatedDeliveryAt: order.estimatedDeliveryAt?.toISOString() ?? null, trackingInfo: [order.tracking] }]
      : [],
  };
}

const throttleCost = { requestedQueryCost: 12, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 100 } };

/**
 * msw handler answering the store's Admin GraphQL endpoint like Shopify: the access-token
 * header, `{ data, extensions.cost }`, throttling as a `THROTTLED` error in a 200, and HTTP
 * faults. It reads the `query` variable rather than parsing GraphQL: it serves the one order
 * lookup Surgedesk makes and answers every field that lookup selects.
 */
export function shopifyHandlers(store: ShopifyStore): RequestHandler[] {
  return [
    http.post(`https://${store.shopDomain}/admin/api/:version/graphql.json`, async ({ request }) => {
      if (request.headers.get("x-shopify-access-token") !== store.accessToken) {
        return HttpResponse.json({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }, { status: 401 });
      }
      const body = (await request.json().catch(() => null)) as { variables?: { query?: unknown } } | null;
      const query = typeof body?.variables?.query === "string" ? body.variables.query : "";
      store.calls.push({ query, at: new Date() });
      const fault = store.takeFault();
      if (fault?.kind === "http") {
        const headers: Record<string, string> = fault.retryAfterSec === undefined ? {} : { "retry-after": String(fault.retryAfterSec) };
        return HttpResponse.json({ errors: "Internal error" }, { status: fault.status, headers });
      }
      if (fault?.kind === "throttled") {
        return HttpResponse.json({ errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }], extensions: { cost: throttleCost } });
      }
      const nodes = store.search(query).slice(0, 1).map(renderOrder);
      return HttpResponse.json({
        data: { orders: { nodes } },
        extensions: { cost: { requestedQueryCost: 12, actualQueryCost: 6, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1994, restoreRate: 100 } } },
      });
    }),
  ];
}
