import { Hono } from "hono";
import { and, desc, eq, gte, isNull, lt, sql, type SQL } from "drizzle-orm";
import { AUDIT_SYSTEM_ACTOR, auditCursor, auditQuerySchema, type AuditQuery } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { auditEvents, users } from "../db/schema/index.ts";
import { validate } from "../middleware/validator.ts";
import { requireRole } from "../auth/actor.ts";
import { routeDoc } from "../openapi/route-doc.ts";
import { ApiError } from "../errors/api-error.ts";

/**
 * Pages are in (time, id) order, entries can share a time. Times are compared to the
 * millisecond, as the API writes them: the database keeps microseconds.
 */
const createdAtMs = sql`date_trunc('milliseconds', ${auditEvents.createdAt})`;

/** Entries strictly after the cursor's in that order (older, or as old with a smaller id). */
function beforeCursor(cursor: string): SQL {
  const at = cursor.lastIndexOf("|");
  const time = new Date(cursor.slice(0, at));
  const id = cursor.slice(at + 1);
  if (at < 0 || Number.isNaN(time.getTime()) || !id) {
    throw new ApiError("validation_failed", "`before` is not a cursor this log gave out.");
  }
  return sql`(${createdAtMs}, ${auditEvents.id}) < (${time.toISOString()}::timestamptz, ${id})`;
}

function filters(query: AuditQuery): (SQL | undefined)[] {
  return [
    query.entityId ? eq(auditEvents.entityId, query.entityId) : undefined,
    query.entityType ? eq(auditEvents.entityType, query.entityType) : undefined,
    query.actor === AUDIT_SYSTEM_ACTOR ? isNull(auditEvents.actorUserId) : query.actor ? eq(auditEvents.actorUserId, query.actor) : undefined,
    query.action ? eq(auditEvents.action, query.action) : undefined,
    query.from ? gte(auditEvents.createdAt, new Date(query.from)) : undefined,
    query.to ? lt(auditEvents.createdAt, new Date(query.to)) : undefined,
    query.before ? beforeCursor(query.before) : undefined,
  ];
}

/** Who changed what, when, before and after: newest first, for admins. */
export const auditRoutes = new Hono<AppEnv>().get(
  "/",
  routeDoc({ summary: "Who changed what, when, before and after (admins), filtered by actor, action, object and time" }),
  validate("query", auditQuerySchema),
  async (c) => {
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
      .where(and(eq(auditEvents.workspaceId, admin.workspaceId), ...filters(query)))
      .orderBy(desc(createdAtMs), desc(auditEvents.id))
      .limit(query.limit);
    const items = rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
    const last = items.at(-1);
    return c.json({ items, nextCursor: items.length === query.limit && last ? auditCursor(last) : null }, 200);
  },
);
