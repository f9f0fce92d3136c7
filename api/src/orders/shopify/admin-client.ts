import { z } from "zod";
import { PlatformApiError, parseRetryAfter } from "../../connectors/contract.ts";
import { ORDER_LOOKUP_QUERY, orderSearch, type ShopifySearchKey } from "./order-lookup-query.ts";

const moneySetSchema = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) });
const trackingSchema = z.object({ number: z.string().nullish(), url: z.string().nullish(), company: z.string().nullish() });
const orderNodeSchema = z.object({
  id: z.string().nullish(),
  name: z.string(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  createdAt: z.string().nullish(),
  sourceName: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullish() })).nullish(),
  cancelledAt: z.string().nullish(),
  cancelReason: z.string().nullish(),
  displayFinancialStatus: z.string().nullish(),
  displayFulfillmentStatus: z.string().nullish(),
  totalPriceSet: moneySetSchema.nullish(),
  customer: z.object({ displayName: z.string().nullish(), firstName: z.string().nullish() }).nullish(),
  lineItems: z
    .object({
      nodes: z.array(
        z.object({
          title: z.string(),
          variantTitle: z.string().nullish(),
          sku: z.string().nullish(),
          quantity: z.number().int(),
          discountedUnitPriceSet: moneySetSchema.nullish(),
        }),
      ),
    })
    .nullish(),
  fulfillments: z
    .array(
      z.object({
        status: z.string().nullish(),
        displayStatus: z.string().nullish(),
        createdAt: z.string().nullish(),
        deliveredAt: z.string().nullish(),
        estimatedDeliveryAt: z.string().nullish(),
        trackingInfo: z.array(trackingSchema).nullish(),
      }),
    )
    .nullish(),
  refunds: z
    .array(z.object({ id: z.string(), createdAt: z.string().nullish(), note: z.string().nullish(), totalRefundedSet: moneySetSchema.nullish() }))
    .nullish(),
});
export type ShopifyOrderNode = z.infer<typeof orderNodeSchema>;

const responseSchema = z.object({ orders: z.object({ nodes: z.array(orderNodeSchema) }) }).nullish();

export interface ShopifyAdminClientOptions {
  /** `your-shop.myshopify.com` */
  shopDomain: string;
  accessToken: string;
  apiVersion: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type ShopifyAdminClient = ReturnType<typeof createShopifyAdminClient>;

const graphqlEnvelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).passthrough().optional() })).optional(),
});

/**
 * One Admin GraphQL call: the access token header, and every way Shopify refuses turned into a
 * `PlatformApiError` (throttling as HTTP 429 or a `THROTTLED` error in a 200 is `rate_limited`; a
 * 5xx, a dropped connection or a body that is not JSON is `transient`). Resolves with `data`.
 */
export function createShopifyGraphql(options: ShopifyAdminClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const url = `https://${options.shopDomain}/admin/api/${options.apiVersion}/graphql.json`;

  return async function graphql(query: string, variables: Record<string, unknown>): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", "x-shopify-access-token": options.accessToken },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 8_000),
      });
      text = await response.text();
    } catch (error) {
      throw new PlatformApiError("transient", `Shopify could not be reached: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      throw new PlatformApiError("rate_limited", "Shopify is throttling requests (HTTP 429)", { ...(retryAfterMs !== undefined && { retryAfterMs }), platformCode: 429 });
    }
    if (response.status === 401 || response.status === 403) {
      throw new PlatformApiError("token_expired", `Shopify refused the Admin API token (HTTP ${response.status})`, { platformCode: response.status });
    }
    if (response.status >= 500) throw new PlatformApiError("transient", `Shopify answered HTTP ${response.status}`, { platformCode: response.status });
    if (!response.ok) throw new PlatformApiError("rejected", `Shopify answered HTTP ${response.status}`, { platformCode: response.status });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PlatformApiError("transient", "Shopify answered with a body that is not JSON");
    }
    const parsed = graphqlEnvelopeSchema.safeParse(json);
    if (!parsed.success) throw new PlatformApiError("rejected", "Shopify answered an unexpected shape");
    const [firstError] = parsed.data.errors ?? [];
    if (firstError) {
      const code = firstError.extensions?.code;
      throw new PlatformApiError(code === "THROTTLED" ? "rate_limited" : "rejected", `Shopify: ${firstError.message}`, {
        ...(code !== undefined && { platformCode: code }),
      });
    }
    return parsed.data.data ?? null;
  };
}

/**
 * Shopify's Admin GraphQL API, for the one thing order lookup needs: the newest orders matching a
 * key (order name, email, phone, or a synced TikTok Shop order's id). Failures are `PlatformApiError`s; throttling (HTTP 429 or a `THROTTLED`
 * error in a 200) is `rate_limited`, so callers can say "the shop is busy" rather than "no order".
 */
export function createShopifyAdminClient(options: ShopifyAdminClientOptions) {
  const graphql = createShopifyGraphql(options);

  async function findOrders(key: ShopifySearchKey, first = 5): Promise<ShopifyOrderNode[]> {
    return searchOrders(orderSearch(key), first);
  }

  /** The store's orders not yet fulfilled (open ones), for the order-side queues; oldest go first in the queues. */
  async function unfulfilledOrders(first = 50): Promise<ShopifyOrderNode[]> {
    return searchOrders("fulfillment_status:unfulfilled status:open", first);
  }

  /** The store's shipped open orders (delivered ones included: Shopify's search cannot tell), for the "Delayed" queue. */
  async function shippedOrders(first = 50): Promise<ShopifyOrderNode[]> {
    return searchOrders("fulfillment_status:shipped status:open", first);
  }

  async function searchOrders(query: string, first: number): Promise<ShopifyOrderNode[]> {
    const parsed = responseSchema.safeParse(await graphql(ORDER_LOOKUP_QUERY, { query, first }));
    if (!parsed.success) throw new PlatformApiError("rejected", "Shopify answered an unexpected shape");
    return parsed.data?.orders.nodes ?? [];
  }

  return { findOrders, unfulfilledOrders, shippedOrders };
}
