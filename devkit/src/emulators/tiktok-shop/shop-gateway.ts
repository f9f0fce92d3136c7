import { randomBytes } from "node:crypto";
import { HttpResponse } from "msw";
import { verifyShopRequestSignature } from "@surgedesk/api/platforms/tiktok-shop/request-signing.ts";
import { InvalidPageToken, UnknownConversation, type EmulatedShop } from "./emulated-shop.ts";
import type { ShopFault } from "./shop-faults.ts";
import type { TikTokShopEmulator } from "./shop-emulator.ts";

/**
 * Codes the emulator answers with. 105001/105002 and 36004004 are the token codes the client
 * acts on; the others are the emulator's own stand-ins for "bad request" kinds of refusal.
 */
export const SHOP_CODE = {
  ok: 0,
  invalidSign: 106001,
  timestampExpired: 106002,
  tokenInvalid: 105001,
  tokenExpired: 105002,
  invalidParams: 36009001,
  shopCipherInvalid: 36009002,
  conversationNotFound: 36009003,
  tooManyRequests: 36009004,
  /** The after-sale request is not in a status that allows this decision. */
  requestStatusInvalid: 36009005,
  afterSaleNotFound: 36009006,
  internal: 36009999,
} as const;


export class Refusal extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status = 200,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function requestId(now: Date): string {
  return `${now.toISOString().replace(/\D/g, "").slice(0, 14)}${randomBytes(9).toString("hex").toUpperCase()}`;
}

function refusalFor(fault: ShopFault): Refusal {
  switch (fault.kind) {
    case "throttle":
      return new Refusal(
        SHOP_CODE.tooManyRequests,
        "Too many requests. Please reduce the request frequency and try again later.",
        fault.inEnvelope ? 200 : 429,
        fault.retryAfterSeconds === null ? {} : { "retry-after": String(fault.retryAfterSeconds) },
      );
    case "server_error":
      return new Refusal(SHOP_CODE.internal, "Internal error, please try again later.", 500);
    case "token_expired":
      return new Refusal(SHOP_CODE.tokenExpired, "Access token is expired, please refresh it.", 401);
    case "lost_answer":
      throw new Error("a lost answer is served, then dropped");
  }
}

export function pageSize(value: string | null, max: number): number {
  if (!value || !/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new Refusal(SHOP_CODE.invalidParams, `page_size: must be an integer between 1 and ${max}.`);
  }
  return Number(value);
}

export type ShopGateway = ReturnType<typeof shopGateway>;

/**
 * What the real gateway checks on every call, in its order: the app key and request signature
 * (over the exact query and body), the timestamp's freshness, the injected faults, the access
 * token, the shop cipher; then the call itself. Answers use the real envelope
 * `{code, message, request_id, data}`. A "lost answer" fault serves the call and then drops the
 * connection, as a timeout after the platform acted would.
 */
export function shopGateway(emulator: TikTokShopEmulator) {
  function respond(code: number, message: string, data: unknown, status = 200, headers: Record<string, string> = {}) {
    return HttpResponse.json({ code, message, request_id: requestId(emulator.now()), ...(data !== undefined && { data }) }, { status, headers });
  }

  async function serve(request: Request, body: string | undefined, handle: (shop: EmulatedShop, url: URL) => unknown) {
    const url = new URL(request.url);
    const query = Object.fromEntries(url.searchParams.entries());
    const record = { method: request.method, path: url.pathname, query, code: SHOP_CODE.ok as number, status: 200 };
    emulator.requests.push(record);
    try {
      if (query.app_key !== emulator.appKey) throw new Refusal(SHOP_CODE.invalidSign, "Invalid app_key.", 401);
      if (!verifyShopRequestSignature({ path: url.pathname, query, body }, query.sign, emulator.appSecret)) {
        throw new Refusal(SHOP_CODE.invalidSign, "Invalid credentials: the request signature does not match.", 401);
      }
      const timestamp = Number(query.timestamp);
      if (!Number.isFinite(timestamp) || Math.abs(emulator.now().getTime() / 1000 - timestamp) > emulator.timestampToleranceSeconds) {
        throw new Refusal(SHOP_CODE.timestampExpired, "The request timestamp is expired or invalid.", 401);
      }
      const fault = emulator.faults.take(url.pathname);
      if (fault && fault.kind !== "lost_answer") throw refusalFor(fault);
      const token = request.headers.get("x-tts-access-token");
      const shop = emulator.shops.find((s) => s.accessToken === token);
      if (!shop) throw new Refusal(SHOP_CODE.tokenInvalid, "Access token is invalid.", 401);
      if (shop.tokenExpired) throw refusalFor({ kind: "token_expired" });
      if (query.shop_cipher !== shop.cipher) throw new Refusal(SHOP_CODE.shopCipherInvalid, "shop_cipher is missing or does not match the shop.");
      const answer = handle(shop, url);
      if (fault?.kind === "lost_answer") {
        record.status = 0;
        return HttpResponse.error();
      }
      return respond(SHOP_CODE.ok, "Success", answer);
    } catch (error) {
      if (error instanceof Refusal) {
        record.code = error.code;
        record.status = error.status;
        return respond(error.code, error.message, undefined, error.status, error.headers);
      }
      if (error instanceof InvalidPageToken) {
        record.code = SHOP_CODE.invalidParams;
        return respond(SHOP_CODE.invalidParams, "page_token is invalid.", undefined);
      }
      if (error instanceof UnknownConversation) {
        record.code = SHOP_CODE.conversationNotFound;
        return respond(SHOP_CODE.conversationNotFound, "Conversation not found.", undefined);
      }
      throw error;
    }
  }

  return { serve };
}
