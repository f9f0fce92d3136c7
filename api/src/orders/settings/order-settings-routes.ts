import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { orderSettingsSchema } from "@surgedesk/shared";
import type { AppEnv } from "../../app-env.ts";
import { actorOf, requireRole } from "../../auth/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { workspaces } from "../../db/schema/index.ts";
import { validate } from "../../middleware/validator.ts";
import { routeDoc } from "../../openapi/route-doc.ts";
import { loadOrderSettings } from "./order-settings.ts";

/**
 * `/api/orders/settings`: the workspace's order settings (the refund approval threshold). Everyone
 * signed in reads them (an agent sees why a refund waits for approval); admins change them, audited.
 */
export const orderSettingsRoutes = new Hono<AppEnv>()
  .get("/", routeDoc({ summary: "The workspace's order settings", response: orderSettingsSchema }), async (c) => {
    return c.json(await loadOrderSettings(c.get("services").db, actorOf(c).workspaceId), 200);
  })
  .put("/", routeDoc({ summary: "Set the workspace's order settings (admins)", response: orderSettingsSchema }), validate("json", orderSettingsSchema), async (c) => {
    const admin = requireRole(c, "admin");
    const wanted = c.req.valid("json");
    const saved = await c.get("services").db.transaction(async (tx) => {
      const before = await loadOrderSettings(tx, admin.workspaceId);
      const [row] = await tx
        .update(workspaces)
        .set({ refundApprovalOver: wanted.refundApprovalOver })
        .where(eq(workspaces.id, admin.workspaceId))
        .returning({ refundApprovalOver: workspaces.refundApprovalOver });
      const after = { refundApprovalOver: row!.refundApprovalOver };
      if (after.refundApprovalOver !== before.refundApprovalOver) {
        await recordAudit(tx, {
          workspaceId: admin.workspaceId,
          actorUserId: admin.userId,
          action: "orders.settings_update",
          entityType: "workspace",
          entityId: admin.workspaceId,
          before,
          after,
        });
      }
      return after;
    });
    return c.json(saved, 200);
  });
