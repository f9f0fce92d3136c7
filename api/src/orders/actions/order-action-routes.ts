import { Hono } from "hono";
import {
  orderActionDecisionSchema,
  orderActionListQuerySchema,
  orderActionListSchema,
  orderActionPlanSchema,
  orderActionPreviewRequestSchema,
  orderActionRequestSchema,
  orderActionSchema,
  orderApprovalCountSchema,
} from "@surgedesk/shared";
import type { AppEnv } from "../../app-env.ts";
import { requireRole } from "../../auth/actor.ts";
import { validate } from "../../middleware/validator.ts";
import { routeDoc } from "../../openapi/route-doc.ts";
import { publishNote } from "../../notes/note-routes.ts";
import { actionForKey, countAwaitingApproval, decideOrderAction, listOrderActions, recordOrderAction, requireMessage, viewOrderAction, viewOrderActions } from "./order-action-store.ts";
import { planOrderAction } from "./plan-order-action.ts";

/**
 * `/api/order-actions`: cancel or refund a Shopify order, decide a TikTok Shop cancellation or
 * return request, each by the system that owns the order. `preview` says exactly what would
 * happen (the confirmation); `POST /` records it once per idempotency key and the order action
 * worker runs it. Agents ask; refunds above the workspace's threshold wait for an admin
 * (`/approvals`, `/:id/decision`). Viewers read the actions, never ask.
 */
export const orderActionRoutes = new Hono<AppEnv>()
  .post(
    "/preview",
    routeDoc({ summary: "What an order action would do, read from the shop that owns the order (agents)", response: orderActionPlanSchema }),
    validate("json", orderActionPreviewRequestSchema),
    async (c) => {
      const actor = requireRole(c, "agent");
      const { db, config, connectors } = c.get("services");
      const { messageId, action } = c.req.valid("json");
      await requireMessage(db, actor.workspaceId, messageId);
      const { plan } = await planOrderAction({ db, config, connectors, workspaceId: actor.workspaceId, role: actor.role, action });
      return c.json(plan);
    },
  )
  .post(
    "/",
    routeDoc({ summary: "Ask for an order action, exactly once per idempotency key (agents)", status: 202, response: orderActionSchema }),
    validate("json", orderActionRequestSchema),
    async (c) => {
      const actor = requireRole(c, "agent");
      const services = c.get("services");
      const { db, config, connectors } = services;
      const request = c.req.valid("json");
      // A repeat answers the action it already recorded, without asking the shop again.
      const existing = await actionForKey(db, actor.workspaceId, request);
      if (existing) return c.json(await viewOrderAction(db, existing), 202);
      await requireMessage(db, actor.workspaceId, request.messageId);
      const planned = await planOrderAction({ db, config, connectors, workspaceId: actor.workspaceId, role: actor.role, action: request.action });
      const { row, created } = await recordOrderAction(db, actor, request, planned, new Date());
      if (created && row.status === "queued") services.notifyOrderActions?.();
      if (created && row.status === "awaiting_approval") services.events.publish({ type: "approvals", workspaceId: actor.workspaceId });
      return c.json(await viewOrderAction(db, row), 202);
    },
  )
  .get(
    "/",
    routeDoc({ summary: "A conversation's order actions, newest first", response: orderActionListSchema }),
    validate("query", orderActionListQuerySchema),
    async (c) => {
      const actor = requireRole(c, "viewer");
      const { db } = c.get("services");
      const rows = await listOrderActions(db, actor.workspaceId, { messageId: c.req.valid("query").messageId });
      return c.json({ actions: await viewOrderActions(db, rows) });
    },
  )
  .get("/approvals", routeDoc({ summary: "Refunds waiting for an admin's approval (admins)", response: orderActionListSchema }), async (c) => {
    const actor = requireRole(c, "admin");
    const { db } = c.get("services");
    const rows = await listOrderActions(db, actor.workspaceId, { awaitingApproval: true });
    return c.json({ actions: await viewOrderActions(db, rows) });
  })
  .get("/approvals/count", routeDoc({ summary: "How many refunds wait for an admin's approval, for the navigation's badge (admins)", response: orderApprovalCountSchema }), async (c) => {
    const actor = requireRole(c, "admin");
    return c.json({ waiting: await countAwaitingApproval(c.get("services").db, actor.workspaceId) });
  })
  .post(
    "/:id/decision",
    routeDoc({ summary: "Approve or decline a refund waiting for approval (admins); an approved one runs once", response: orderActionSchema }),
    validate("json", orderActionDecisionSchema),
    async (c) => {
      const actor = requireRole(c, "admin");
      const services = c.get("services");
      const { decision, note } = c.req.valid("json");
      const { row, note: posted } = await decideOrderAction(services.db, actor, c.req.param("id"), decision, note, new Date());
      if (row.status === "queued") services.notifyOrderActions?.();
      // After the commit: the declined refund's note reaches the conversation's open consoles, and
      // admins' badges drop by one.
      if (posted) publishNote(services.events, actor.workspaceId, posted, []);
      services.events.publish({ type: "approvals", workspaceId: actor.workspaceId });
      return c.json(await viewOrderAction(services.db, row));
    },
  );
