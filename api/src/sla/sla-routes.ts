import { Hono } from "hono";
import { businessCalendarSchema, slaPolicySetSchema } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { slaSettings } from "../db/schema/index.ts";
import { validate } from "../middleware/validator.ts";
import { routeDoc } from "../openapi/route-doc.ts";
import { calendarForAudit, policySetForAudit } from "./sla-audit.ts";
import { recomputeWaitingSlaClocks } from "./sla-clocks.ts";
import { loadSlaSettings } from "./sla-settings.ts";

/**
 * A workspace's SLA policies and business calendar. Each is replaced whole (the policies are an
 * ordered list: first match wins), and every message still waiting for an answer gets its
 * deadlines again from the new rules in the same transaction.
 */
export const slaRoutes = new Hono<AppEnv>()
  .get("/policies", routeDoc({ summary: "The workspace's SLA policies, in the order they are tried", response: slaPolicySetSchema }), async (c) => {
    const settings = await loadSlaSettings(c.get("services").db, actorOf(c).workspaceId);
    return c.json(settings.policies, 200);
  })
  .put(
    "/policies",
    routeDoc({ summary: "Replace the SLA policies (admins)", response: slaPolicySetSchema }),
    validate("json", slaPolicySetSchema),
    async (c) => {
      const admin = requireRole(c, "admin");
      const policies = c.req.valid("json");
      await c.get("services").db.transaction(async (tx) => {
        const before = await loadSlaSettings(tx, admin.workspaceId);
        await tx
          .insert(slaSettings)
          .values({ workspaceId: admin.workspaceId, policies, updatedByUserId: admin.userId })
          .onConflictDoUpdate({ target: slaSettings.workspaceId, set: { policies, updatedByUserId: admin.userId, updatedAt: new Date() } });
        await recomputeWaitingSlaClocks(tx, admin.workspaceId);
        await recordAudit(tx, {
          workspaceId: admin.workspaceId,
          actorUserId: admin.userId,
          action: "sla.policies_update",
          entityType: "workspace",
          entityId: admin.workspaceId,
          before: policySetForAudit(before.policies),
          after: policySetForAudit(policies),
        });
      });
      return c.json(policies, 200);
    },
  )
  .get("/calendar", routeDoc({ summary: "The workspace's business hours and holidays", response: businessCalendarSchema }), async (c) => {
    const settings = await loadSlaSettings(c.get("services").db, actorOf(c).workspaceId);
    return c.json(settings.calendar, 200);
  })
  .put(
    "/calendar",
    routeDoc({ summary: "Set the business hours and holidays (admins)", response: businessCalendarSchema }),
    validate("json", businessCalendarSchema),
    async (c) => {
      const admin = requireRole(c, "admin");
      const calendar = c.req.valid("json");
      await c.get("services").db.transaction(async (tx) => {
        const before = await loadSlaSettings(tx, admin.workspaceId);
        await tx
          .insert(slaSettings)
          .values({ workspaceId: admin.workspaceId, calendar, updatedByUserId: admin.userId })
          .onConflictDoUpdate({ target: slaSettings.workspaceId, set: { calendar, updatedByUserId: admin.userId, updatedAt: new Date() } });
        await recomputeWaitingSlaClocks(tx, admin.workspaceId);
        await recordAudit(tx, {
          workspaceId: admin.workspaceId,
          actorUserId: admin.userId,
          action: "sla.calendar_update",
          entityType: "workspace",
          entityId: admin.workspaceId,
          before: calendarForAudit(before.calendar),
          after: calendarForAudit(calendar),
        });
      });
      return c.json(calendar, 200);
    },
  );
