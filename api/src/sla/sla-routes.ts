import { Hono } from "hono";
import { slaPolicySchema, type SlaPolicy } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { slaPolicies } from "../db/schema/index.ts";
import { validate } from "../middleware/validator.ts";
import { loadSlaPolicy } from "./sla-policy.ts";
import { routeDoc } from "../openapi/route-doc.ts";

export const slaRoutes = new Hono<AppEnv>()
  .get("/", routeDoc({ summary: "The workspace's first-response targets", response: slaPolicySchema }), async (c) => {
    const policy: SlaPolicy = await loadSlaPolicy(c.get("services").db, actorOf(c).workspaceId);
    return c.json(policy, 200);
  })
  /** Admins set the workspace's first-response targets. */
  .put("/", routeDoc({ summary: "Set the first-response targets (admins)", response: slaPolicySchema }), validate("json", slaPolicySchema), async (c) => {
    const admin = requireRole(c, "admin");
    const policy = c.req.valid("json");
    await c.get("services").db.transaction(async (tx) => {
      const before = await loadSlaPolicy(tx, admin.workspaceId);
      await tx
        .insert(slaPolicies)
        .values({ workspaceId: admin.workspaceId, ...policy, updatedByUserId: admin.userId })
        .onConflictDoUpdate({ target: slaPolicies.workspaceId, set: { ...policy, updatedByUserId: admin.userId, updatedAt: new Date() } });
      await recordAudit(tx, {
        workspaceId: admin.workspaceId,
        actorUserId: admin.userId,
        action: "sla.update",
        entityType: "workspace",
        entityId: admin.workspaceId,
        before,
        after: policy,
      });
    });
    return c.json(policy, 200);
  });
