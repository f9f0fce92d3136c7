import { http, HttpResponse, type RequestHandler } from "msw";
import { ShopifyStore, type EmulatedOrder, type EmulatedRefund, type ShopifyOperation } from "./shopify-store.ts";

const money = (amount: string, currencyCode: string) => ({ shopMoney: { amount, currencyCode } });
const cents = (value: number) => (value / 100).toFixed(2);
const saleId = (order: EmulatedOrder) => `gid://shopify/OrderTransaction/${order.id.replace(/\D/g, "")}1`;

/** An order as Admin GraphQL returns it for the fields the order lookup selects. */
function renderOrder(order: EmulatedOrder) {
  const total = (ShopifyStore.totalCents(order) / 100).toFixed(2);
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
    subtotalPriceSet: money(cents(ShopifyStore.subtotalCents(order)), order.currency),
    totalShippingPriceSet: money(cents(ShopifyStore.shippingCents(order)), order.currency),
    totalTaxSet: money(cents(ShopifyStore.taxCents(order)), order.currency),
    shippingLines: { nodes: ShopifyStore.shippingCents(order) > 0 ? [{ title: "Standard Shipping", originalPriceSet: money(order.shippingPrice, order.currency) }] : [] },
    taxLines: order.taxRate > 0 ? [{ title: "Sales tax", rate: order.taxRate, priceSet: money(cents(ShopifyStore.taxCents(order)), order.currency) }] : [],
    customer: order.customerName ? { displayName: order.customerName, firstName: order.customerName.split(" ")[0] ?? null } : null,
    lineItems: {
      nodes: order.lineItems.map((item) => ({
        id: item.id,
        refundableQuantity: ShopifyStore.refundable(order, item.id!),
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
    refunds: order.refunds.map((r) => renderRefund(r, order.currency)),
    transactions: [{ id: saleId(order), gateway: "shopify_payments", kind: "SALE", status: "SUCCESS" }],
  };
}

const renderRefund = (r: EmulatedRefund, currency: string) => ({ id: r.id, createdAt: r.createdAt.toISOString(), note: r.note, totalRefundedSet: money(r.amount, currency) });

/** Which Admin GraphQL operation a request is, by its root field. */
function operationOf(query: string): ShopifyOperation {
  if (/\brefundCreate\s*\(/.test(query)) return "refundCreate";
  if (/\borderCancel\s*\(/.test(query)) return "orderCancel";
  if (/\bsuggestedRefund\s*\(/.test(query)) return "suggestedRefund";
  if (/\border\s*\(\s*id\s*:/.test(query)) return "order";
  return "orders";
}

type Variables = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** The key of an `@idempotent(key: …)` directive: a literal, or the variable it names. */
function idempotencyKeyOf(query: string, variables: Variables): string | null {
  const match = /@idempotent\s*\(\s*key\s*:\s*(?:"([^"]*)"|\$(\w+))\s*\)/.exec(query);
  if (!match) return null;
  return match[1] ?? str(variables[match[2]!]);
}

/** The mutations' and the single-order read's answers, in Admin GraphQL's payload shapes. */
function answer(store: ShopifyStore, operation: Exclude<ShopifyOperation, "orders">, query: string, variables: Variables): unknown {
  if (operation === "order") {
    const order = store.order(str(variables.id) ?? "");
    return { order: order ? renderOrder(order) : null };
  }
  if (operation === "suggestedRefund") {
    const order = store.order(str(variables.id) ?? "");
    if (!order) return { order: null };
    const lines = (Array.isArray(variables.refundLineItems) ? variables.refundLineItems : []) as { lineItemId?: unknown; quantity?: unknown }[];
    const suggested = store.suggestRefund(order, {
      suggestFullRefund: variables.suggestFullRefund === true,
      refundShipping: variables.refundShipping === true,
      shippingAmount: str(variables.shippingAmount),
      lines: lines.map((l) => ({ lineItemId: str(l.lineItemId) ?? "", quantity: typeof l.quantity === "number" ? l.quantity : 0 })),
    });
    const c = order.currency;
    return {
      order: {
        id: order.id,
        suggestedRefund: {
          amountSet: money(cents(suggested.amountCents), c),
          subtotalSet: money(cents(suggested.subtotalCents), c),
          totalTaxSet: money(cents(suggested.taxCents), c),
          maximumRefundableSet: money(cents(suggested.maxRefundableCents), c),
          shipping: { amountSet: money(cents(suggested.shippingCents), c), maximumRefundableSet: money(cents(suggested.maxShippingCents), c) },
          refundLineItems: suggested.lines.map((l) => ({ lineItem: { id: l.lineItemId }, quantity: l.quantity, restockType: "NO_RESTOCK" })),
          suggestedTransactions:
            suggested.amountCents > 0
              ? [{ gateway: "shopify_payments", kind: "SUGGESTED_REFUND", amountSet: money(cents(suggested.amountCents), c), parentTransaction: { id: saleId(order) } }]
              : [],
        },
      },
    };
  }
  if (operation === "orderCancel") {
    const refundMethod = variables.refundMethod as { originalPaymentMethodsRefund?: boolean } | null | undefined;
    const { error, jobId } = store.cancelOrder({
      orderId: str(variables.orderId) ?? "",
      reason: str(variables.reason) ?? "OTHER",
      refund: refundMethod?.originalPaymentMethodsRefund === true || variables.refund === true,
      staffNote: str(variables.staffNote),
    });
    return { orderCancel: { job: jobId ? { id: jobId, done: false } : null, orderCancelUserErrors: error ? [{ field: ["orderId"], ...error }] : [], userErrors: error ? [{ field: ["orderId"], message: error.message }] : [] } };
  }
  const input = (variables.input ?? {}) as { orderId?: unknown; note?: unknown; refundLineItems?: unknown; shipping?: unknown; transactions?: unknown };
  const shipping = (input.shipping ?? null) as { fullRefund?: unknown; amount?: unknown } | null;
  const lines = (Array.isArray(input.refundLineItems) ? input.refundLineItems : []) as { lineItemId?: unknown; quantity?: unknown }[];
  const transactions = (Array.isArray(input.transactions) ? input.transactions : []) as { amount?: unknown }[];
  const orderId = str(input.orderId) ?? "";
  const { error, refund } = store.createRefund({
    orderId,
    note: str(input.note),
    lines: lines.map((l) => ({ lineItemId: str(l.lineItemId) ?? "", quantity: typeof l.quantity === "number" ? l.quantity : 0 })),
    shipping: shipping ? { fullRefund: shipping.fullRefund === true, amount: str(shipping.amount) } : null,
    amount: transactions.length === 0 ? null : transactions.reduce((sum, t) => sum + Number(t.amount ?? 0), 0).toFixed(2),
    idempotencyKey: idempotencyKeyOf(query, variables),
  });
  const currency = store.order(orderId)?.currency ?? "USD";
  return { refundCreate: { refund: refund ? renderRefund(refund, currency) : null, userErrors: error ? [{ field: ["input"], message: error }] : [] } };
}

const throttleCost = { requestedQueryCost: 12, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 100 } };

/**
 * msw handler answering the store's Admin GraphQL endpoint like Shopify: the access-token
 * header, `{ data, extensions.cost }`, throttling as a `THROTTLED` error in a 200, and HTTP
 * faults. It tells operations apart by their root field rather than parsing GraphQL: the order
 * search (by its `query` variable), `order(id:)`, `order.suggestedRefund`, `orderCancel` and `refundCreate` (with its
 * `@idempotent` key), answering every field Surgedesk selects.
 */
export function shopifyHandlers(store: ShopifyStore): RequestHandler[] {
  return [
    http.post(`https://${store.shopDomain}/admin/api/:version/graphql.json`, async ({ request }) => {
      if (request.headers.get("x-shopify-access-token") !== store.accessToken) {
        return HttpResponse.json({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }, { status: 401 });
      }
      const body = (await request.json().catch(() => null)) as { query?: unknown; variables?: Variables & { query?: unknown; first?: unknown } } | null;
      const operation = operationOf(str(body?.query) ?? "");
      const query = typeof body?.variables?.query === "string" ? body.variables.query : "";
      const first = typeof body?.variables?.first === "number" ? Math.min(Math.max(body.variables.first, 1), 250) : 1;
      store.calls.push({ query, operation, at: new Date() });
      const fault = store.takeFault(operation);
      if (fault?.kind === "http") {
        const headers: Record<string, string> = fault.retryAfterSec === undefined ? {} : { "retry-after": String(fault.retryAfterSec) };
        return HttpResponse.json({ errors: "Internal error" }, { status: fault.status, headers });
      }
      if (fault?.kind === "throttled") {
        return HttpResponse.json({ errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }], extensions: { cost: throttleCost } });
      }
      if (operation !== "orders") {
        const data = answer(store, operation, str(body?.query) ?? "", body?.variables ?? {});
        // A lost answer: Shopify did it, the caller never hears back.
        if (fault?.kind === "lose-answer") return HttpResponse.error();
        return HttpResponse.json({ data, extensions: { cost: { requestedQueryCost: 10, actualQueryCost: 10, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 } } } });
      }
      if (fault?.kind === "lose-answer") return HttpResponse.error();
      const nodes = store.search(query).slice(0, first).map(renderOrder);
      return HttpResponse.json({
        data: { orders: { nodes } },
        extensions: { cost: { requestedQueryCost: 12, actualQueryCost: 6, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1994, restoreRate: 100 } } },
      });
    }),
  ];
}
