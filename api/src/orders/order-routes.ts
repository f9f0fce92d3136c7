import { Hono } from "hono";
import { orderSearchQuerySchema, orderSearchResponseSchema, type OrderSearchResponse } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/actor.ts";
import { ApiError } from "../errors/api-error.ts";
import { validate } from "../middleware/validator.ts";
import { routeDoc } from "../openapi/route-doc.ts";
import { lookupOrder } from "./order-lookup.ts";
import { openOrderSources } from "./order-sources.ts";
import { searchKeysOf } from "./search-keys.ts";

/**
 * `/api/orders/search?q=`: the order panel's manual search, for when a message's own lookup
 * found nothing. Agents only: it reads any buyer's order by their email or phone. Nothing is
 * linked to a contact (the agent has not said whose order it is).
 */
export const orderRoutes = new Hono<AppEnv>().get(
  "/search",
  routeDoc({ summary: "Search the connected shops for an order (agents)", response: orderSearchResponseSchema }),
  validate("query", orderSearchQuerySchema),
  async (c) => {
    const actor = requireRole(c, "agent");
    const { db, config, connectors } = c.get("services");
    const { q } = c.req.valid("query");
    const keys = searchKeysOf(q);
    if (keys.length === 0) {
      throw new ApiError("bad_request", "Type an order number (#1042), a TikTok Shop order id, a tracking number, an email or a phone number.");
    }
    const sources = await openOrderSources({ db, config, connectors, workspaceId: actor.workspaceId });
    const context = await lookupOrder({ db, workspaceId: actor.workspaceId, sources, keys, contactId: null });
    const body: OrderSearchResponse = {
      outcome: context.outcome,
      reason: context.reason,
      orders: context.order ? [context.order, ...context.otherOrders] : [],
    };
    return c.json(body);
  },
);
