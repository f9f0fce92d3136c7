import { http, HttpResponse, type RequestHandler } from "msw";
import type { EmulatedOrder, ShopifyStore } from "./shopify-store.ts";

const money = (amount: string, currencyCode: string) => ({ shopMoney: { amount, currencyCode } });

/** An order as Admin GraphQL returns it for the fields the order lookup selects. */
function renderOrder(order: EmulatedOrder) {
  const total = order.lineItems.reduce((sum, item) => sum + Number(item.unitPrice) * item.quantity, 0).toFixed(2);
  return {
    id: order.id,
    name: order.name,
    email: order.email,
    phone: order.phone,
    createdAt: order.createdAt.toISOString(),
    sourceName: order.sourceName,
    tags: order.tags,
    customAttributes: order.noteAttributes,
    cancelledAt: order.cancelledAt?.toISOString() ?? null,
    cancelReason: order.cancelReason,
    displayFinancialStatus: order.financialStatus,
    displayFulfillmentStatus: order.fulfillmentStatus,
    totalPriceSet: money(total, order.currency),
    customer: order.customerName ? { displayName: order.customerName, firstName: order.customerName.split(" ")[0] ?? null } : null,
    lineItems: {
      nodes: order.lineItems.map((item) => ({
        title: item.title,
        variantTitle: item.variantTitle,
        sku: item.sku,
        quantity: item.quantity,
        discountedUnitPriceSet: money(item.unitPrice, order.currency),
      })),
    },
    fulfillments: order.fulfillments.map((f) => ({
      status: "SUCCESS",
      displayStatus: f.displayStatus,
      createdAt: f.createdAt.toISOString(),
      deliveredAt: f.deliveredAt?.toISOString() ?? null,
      estimatedDeliveryAt: f.estimatedDeliveryAt?.toISOString() ?? null,
      trackingInfo: f.tracking ? [f.tracking] : [],
    })),
    refunds: order.refunds.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), note: r.note, totalRefundedSet: money(r.amount, order.currency) })),
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
      const body = (await request.json().catch(() => null)) as { variables?: { query?: unknown; first?: unknown } } | null;
      const query = typeof body?.variables?.query === "string" ? body.variables.query : "";
      const first = typeof body?.variables?.first === "number" ? Math.min(Math.max(body.variables.first, 1), 250) : 1;
      store.calls.push({ query, at: new Date() });
      const fault = store.takeFault();
      if (fault?.kind === "http") {
        const headers: Record<string, string> = fault.retryAfterSec === undefined ? {} : { "retry-after": String(fault.retryAfterSec) };
        return HttpResponse.json({ errors: "Internal error" }, { status: fault.status, headers });
      }
      if (fault?.kind === "throttled") {
        return HttpResponse.json({ errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }], extensions: { cost: throttleCost } });
      }
      const nodes = store.search(query).slice(0, first).map(renderOrder);
      return HttpResponse.json({
        data: { orders: { nodes } },
        extensions: { cost: { requestedQueryCost: 12, actualQueryCost: 6, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1994, restoreRate: 100 } } },
      });
    }),
  ];
}
