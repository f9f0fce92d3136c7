import { Hono } from "hono";
import {
  orderBulkReplyRequestSchema,
  orderBulkReplyResponseSchema,
  orderQueuesResponseSchema,
  orderSearchQuerySchema,
  orderSearchResponseSchema,
  type OrderSearchResponse,
} from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/actor.ts";
import { ApiError } from "../errors/api-error.ts";
import { validate } from "../middleware/validator.ts";
import { routeDoc } from "../openapi/route-doc.ts";
import { lookupOrder } from "./order-lookup.ts";
import { openOrderSources } from "./order-sources.ts";
import { bulkReply } from "./queues/order-bulk-reply.ts";
import { orderQueues } from "./queues/order-queues.ts";
import { searchKeysOf } from "./search-keys.ts";
import { orderSettingsRoutes } from "./settings/order-settings-routes.ts";

/**
 * `/api/orders/queues`: the order-side queues (ship within 24 h, cancellation requested, delayed),
 * each order with its waiting buyers and their drafted replies; `/api/orders/queues/reply`
 * sends the drafts the agent saw ("Reply to all N"). Agents only, like the search: they read and
 * answer any buyer's order.
 *
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
)
  .get("/queues", routeDoc({ summary: "The order-side queues, with each order's waiting buyers (agents)", response: orderQueuesResponseSchema }), async (c) => {
    const actor = requireRole(c, "agent");
    const { db, config, connectors } = c.get("services");
    const sources = await openOrderSources({ db, config, connectors, workspaceId: actor.workspaceId });
    return c.json(await orderQueues({ db, workspaceId: actor.workspaceId, sources, agentName: actor.name, now: new Date() }));
  })
  .post(
    "/queues/reply",
    routeDoc({ summary: "Reply to every buyer waiting on one order, each exactly once (agents)", status: 202, response: orderBulkReplyResponseSchema }),
    validate("json", orderBulkReplyRequestSchema),
    async (c) => {
      const actor = requireRole(c, "agent");
      const { db, connectors } = c.get("services");
      const result = await bulkReply({ db, connectors, actor, request: c.req.valid("json"), now: new Date() });
      c.get("services").notifyOutbox?.();
      return c.json(result, 202);
    },
  )
  .route("/settings", orderSettingsRoutes);
