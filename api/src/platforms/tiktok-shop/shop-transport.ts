import { PlatformApiError } from "../../connectors/contract.ts";
import { shopEnvelopeSchema, type ShopEnvelope } from "./api-payloads.ts";
import { signShopRequest } from "./request-signing.ts";
import { shopErrorFromResponse } from "./shop-api-error.ts";

export interface ShopClientOptions {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
  /** Names the shop in every request; required for cross-border shops. */
  shopCipher?: string | null | undefined;
  fetch?: typeof fetch;
  /** Signing time; the platform refuses requests whose timestamp is far from its clock. */
  clock?: () => Date;
  timeoutMs?: number;
}

export interface ShopCallResult {
  /** The response body as received, byte for byte. */
  text: string;
  data: unknown;
}

/**
 * One signed Partner API call, shared by every part of the API Surgedesk uses (customer service,
 * orders, after-sales): app_key, timestamp and the shop cipher in the query, `sign` over path,
 * sorted query and body, the token in `x-tts-access-token`. A refusal (HTTP or envelope code)
 * is thrown as a `PlatformApiError`.
 */
export function createShopTransport(options: ShopClientOptions) {
  const fetchImpl = options.fetch ?? fetch;
  const clock = options.clock ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 20_000;

  async function call(method: "GET" | "POST", path: string, params: Record<string, string>, body?: unknown): Promise<ShopCallResult> {
    const bodyText = body === undefined ? undefined : JSON.stringify(body);
    const query: Record<string, string> = {
      ...params,
      app_key: options.appKey,
      timestamp: String(Math.floor(clock().getTime() / 1000)),
      ...(options.shopCipher && { shop_cipher: options.shopCipher }),
    };
    query.sign = signShopRequest({ path, query, body: bodyText }, options.appSecret);
    const url = new URL(`${options.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);

    let status: number;
    let headers: Headers;
    let text: string;
    try {
      const response = await fetchImpl(url, {
        method,
        headers: { "x-tts-access-token": options.accessToken, "content-type": "application/json" },
        ...(bodyText !== undefined && { body: bodyText }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      headers = response.headers;
      text = await response.text();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PlatformApiError("transient", `TikTok Shop API unreachable: ${reason}`);
    }
    let envelope: ShopEnvelope | undefined;
    try {
      const parsed = shopEnvelopeSchema.safeParse(JSON.parse(text));
      envelope = parsed.success ? parsed.data : undefined;
    } catch {
      envelope = undefined;
    }
    if (status < 200 || status >= 300 || envelope?.code !== 0) throw shopErrorFromResponse(status, headers, envelope);
    return { text, data: envelope.data };
  }

  function readData<T>(what: string, data: unknown, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): T {
    const parsed = schema.safeParse(data ?? {});
    // A success envelope whose data we cannot read is the platform's hiccup or a shape change:
    // retry with backoff, and the error names what was being read.
    if (!parsed.success) throw new PlatformApiError("transient", `TikTok Shop API: unreadable ${what} in a success response`);
    return parsed.data;
  }

  return { call, readData };
}
