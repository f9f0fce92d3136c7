import { Hono } from "hono";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { createUserRequestSchema, updateUserRequestSchema, userSchema } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { users } from "../db/schema/index.ts";
import { ApiError } from "../errors/api-error.ts";
import { newId } from "../lib/ids.ts";
import { validate } from "../middleware/validator.ts";
import { requireRole } from "../auth/actor.ts";
import { hashPassword } from "../auth/password.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { routeDoc } from "../openapi/route-doc.ts";

type UserRow = typeof users.$inferSelect;
const managedUserSchema = userSchema.extend({ disabled: z.boolean() });
const toUser = (row: UserRow): z.infer<typeof managedUserSchema> => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  workspaceId: row.workspaceId,
  disabled: row.disabledAt !== null,
});

/** Admins manage their workspace's users; nobody else sees this list. */
export const userRoutes = new Hono<AppEnv>()
  .get("/", routeDoc({ summary: "The workspace's users (admins)", response: z.object({ items: z.array(managedUserSchema) }) }), async (c) => {
    const admin = requireRole(c, "admin");
    const rows = await c.get("services").db.select().from(users).where(eq(users.workspaceId, admin.workspaceId)).orderBy(asc(users.createdAt));
    return c.json({ items: rows.map(toUser) }, 200);
  })
  .post("/", routeDoc({ summary: "Add a user", status: 201, response: managedUserSchema }), validate("json", createUserRequestSchema), async (c) => {
    const admin = requireRole(c, "admin");
    const { db } = c.get("services");
    const body = c.req.valid("json");
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, body.email)).limit(1);
    if (taken) throw new ApiError("validation_failed", "A user with this email already exists.");
    const row = { id: newId("user"), workspaceId: admin.workspaceId, email: body.email, name: body.name, role: body.role, passwordHash: await hashPassword(body.password) };
    const created = await db.transaction(async (tx) => {
      const [inserted] = await tx.insert(users).values(row).returning();
      await recordAudit(tx, {
        workspaceId: admin.workspaceId,
        actorUserId: admin.userId,
        action: "user.create",
        entityType: "user",
        entityId: row.id,
        before: null,
        after: { email: row.email, name: row.name, role: row.role },
      });
      return inserted!;
    });
    return c.json(toUser(created), 201);
  })
  .patch("/:id", routeDoc({ summary: "Rename a user, change their role or password", response: managedUserSchema }), validate("json", updateUserRequestSchema), async (c) => {
    const admin = requireRole(c, "admin");
    const { db } = c.get("services");
    const id = c.req.param("id");
    const body = c.req.valid("json");
    const where = and(eq(users.id, id), eq(users.workspaceId, admin.workspaceId));
    const [current] = await db.select().from(users).where(where);
    if (!current) throw new ApiError("not_found", "No user with that id in this workspace.");
    if (id === admin.userId && body.role && body.role !== "admin") {
      throw new ApiError("validation_failed", "You cannot take the admin role from yourself.");
    }
    const changes = {
      ...(body.name && { name: body.name }),
      ...(body.role && { role: body.role }),
      ...(body.password && { passwordHash: await hashPassword(body.password) }),
    };
    const updated = await db.transaction(async (tx) => {
      const [row] = await tx.update(users).set(changes).where(where).returning();
      await recordAudit(tx, {
        workspaceId: admin.workspaceId,
        actorUserId: admin.userId,
        action: "user.update",
        entityType: "user",
        entityId: id,
        before: { name: current.name, role: current.role },
        after: { name: row!.name, role: row!.role, passwordChanged: Boolean(body.password) },
      });
      return row!;
    });
    return c.json(toUser(updated), 200);
  });
