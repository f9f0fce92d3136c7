import { Hono } from "hono";
import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { auditEvents, users } from "../db/schema/index.ts";
import { validate } from "../middleware/validator.ts";
import { requireRole } from "../auth/actor.ts";
import { routeDoc } from "../openapi/route-doc.ts";

const auditQuerySchema = z.object({
  entityId: z.string().max(100).optional(),
  /** ISO time of the last entry seen: the next page starts before it. */
  before: z.string().datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Who changed what, when, before and after: newest first, for admins. */
export const auditRoutes = new Hono<AppEnv>().get("/", routeDoc({ summary: "Who changed what, when, before and after (admins)" }), validate("query", auditQuerySchema), async (c) => {
  const admin = requireRole(c, "admin");
  const query = c.req.valid("query");
  const rows = await c
    .get("services")
    .db.select({
      id: auditEvents.id,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
      createdAt: auditEvents.createdAt,
      actorUserId: auditEvents.actorUserId,
      actorEmail: users.email,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.workspaceId, admin.workspaceId),
        query.entityId ? eq(auditEvents.entityId, query.entityId) : undefined,
        query.before ? lt(auditEvents.createdAt, new Date(query.before)) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.createdAt))
    .limit(query.limit);
  return c.json({ items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) }, 200);
});
