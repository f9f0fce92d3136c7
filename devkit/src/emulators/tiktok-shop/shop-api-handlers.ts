import { http, type RequestHandler } from "msw";
import { pageSize, Refusal, SHOP_CODE, type ShopGateway } from "./shop-gateway.ts";

export { SHOP_CODE } from "./shop-gateway.ts";

const PATH_PREFIX = "/customer_service/202309";
const MAX_CONVERSATIONS_PAGE = 20;
const MAX_MESSAGES_PAGE = 10;
const MAX_TEXT_CHARS = 2000;
const SEND_TYPES = new Set(["TEXT", "IMAGE", "VIDEO", "PRODUCT_CARD", "ORDER_CARD", "RETURN_REFUND_CARD", "COUPON_CARD", "LOGISTICS_CARD"]);

/** msw handlers for the customer-service endpoints, each through the emulated gateway's checks. */
export function shopApiHandlers(baseUrl: string, { serve }: ShopGateway): RequestHandler[] {
  const base = `${baseUrl}${PATH_PREFIX}`;

  return [
    http.get(`${base}/conversations`, ({ request }) =>
      serve(request, undefined, (shop, url) =>
        shop.listConversations(pageSize(url.searchParams.get("page_size"), MAX_CONVERSATIONS_PAGE), url.searchParams.get("page_token") || undefined),
      ),
    ),
    http.get(`${base}/conversations/:conversationId/messages`, ({ request, params }) =>
      serve(request, undefined, (shop, url) => {
        const sortOrder = url.searchParams.get("sort_order") ?? "DESC";
        if (sortOrder !== "ASC" && sortOrder !== "DESC") throw new Refusal(SHOP_CODE.invalidParams, "sort_order: must be ASC or DESC.");
        const sortField = url.searchParams.get("sort_field") ?? "create_time";
        if (sortField !== "create_time" && sortField !== "index") throw new Refusal(SHOP_CODE.invalidParams, "sort_field: must be create_time or index.");
        return shop.listMessages(
          String(params.conversationId),
          pageSize(url.searchParams.get("page_size"), MAX_MESSAGES_PAGE),
          url.searchParams.get("page_token") || undefined,
          sortOrder,
        );
      }),
    ),
    http.post(`${base}/conversations/:conversationId/messages`, async ({ request, params }) => {
      const body = await request.clone().text();
      return serve(request, body, (shop) => {
        let payload: { type?: unknown; content?: unknown };
        try {
          payload = JSON.parse(body) as typeof payload;
        } catch {
          throw new Refusal(SHOP_CODE.invalidParams, "The request body is not valid JSON.");
        }
        const { type, content } = payload;
        if (typeof type !== "string" || !SEND_TYPES.has(type)) throw new Refusal(SHOP_CODE.invalidParams, "type: unsupported message type.");
        if (typeof content !== "string") throw new Refusal(SHOP_CODE.invalidParams, "content: must be a JSON string.");
        let parsed: unknown;
        try {
          parsed = JSON.parse(content);
        } catch {
          throw new Refusal(SHOP_CODE.invalidParams, "content: must be a JSON string.");
        }
        if (type === "TEXT") {
          const text = (parsed as { content?: unknown } | null)?.content;
          if (typeof text !== "string" || text.length === 0) throw new Refusal(SHOP_CODE.invalidParams, "content.content: text is required.");
          if ([...text].length > MAX_TEXT_CHARS) throw new Refusal(SHOP_CODE.invalidParams, `content.content: at most ${MAX_TEXT_CHARS} characters.`);
        }
        return { message_id: shop.receiveSend(String(params.conversationId), type, content).messageId };
      });
    }),
  ];
}
