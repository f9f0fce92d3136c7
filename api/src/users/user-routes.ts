import { Hono, type Context } from "hono";
import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { createUserRequestSchema, managedUserSchema, updateUserRequestSchema, type ManagedUser } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { users } from "../db/schema/index.ts";
import { ApiError } from "../errors/api-error.ts";
import { newId } from "../lib/ids.ts";
import { validate } from "../middleware/validator.ts";
import { requireRole, type Actor } from "../auth/actor.ts";
import { endSessions } from "../auth/end-sessions.ts";
import { hashPassword } from "../auth/password.ts";
import { readSessionCookie } from "../auth/session-cookie.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { routeDoc } from "../openapi/route-doc.ts";

type UserRow = typeof users.$inferSelect;
const toUser = (row: UserRow): ManagedUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  workspaceId: row.workspaceId,
  disabled: row.disabledAt !== null,
});

async function findUser(c: Context<AppEnv>, admin: Actor): Promise<UserRow> {
  const [row] = await c
    .get("services")
    .db.select()
    .from(users)
    .where(and(eq(users.id, c.req.param("id")!), eq(users.workspaceId, admin.workspaceId)));
  if (!row) throw new ApiError("not_found", "No user with that id in this workspace.");
  return row;
}

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
    // Only this workspace's users are looked at: the same address may sign in to another brand.
    const [taken] = await db.select({ id: users.id }).from(users).where(and(eq(users.workspaceId, admin.workspaceId), eq(users.email, body.email))).limit(1);
    if (taken) throw new ApiError("conflict", "A user with this email already exists in this workspace.");
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
  .patch(
    "/:id",
    routeDoc({
      summary: "Rename a user, change their role or password",
      description: "A new password or role signs the user out of their other sessions; an admin changing their own password stays signed in here.",
      response: managedUserSchema,
    }),
    validate("json", updateUserRequestSchema),
    async (c) => {
      const admin = requireRole(c, "admin");
      const { db } = c.get("services");
      const body = c.req.valid("json");
      const current = await findUser(c, admin);
      const id = current.id;
      if (id === admin.userId && body.role && body.role !== "admin") {
        throw new ApiError("validation_failed", "You cannot take the admin role from yourself.");
      }
      const changes = {
        ...(body.name && { name: body.name }),
        ...(body.role && { role: body.role }),
        ...(body.password && { passwordHash: await hashPassword(body.password) }),
      };
      const signOut = Boolean(body.password) || (body.role !== undefined && body.role !== current.role);
      const updated = await db.transaction(async (tx) => {
        const [row] = await tx.update(users).set(changes).where(eq(users.id, id)).returning();
        if (signOut) await endSessions(tx, id, id === admin.userId ? readSessionCookie(c) : undefined);
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
      if (signOut && id !== admin.userId) await c.get("services").liveStreams.endFor(id);
      return c.json(toUser(updated), 200);
    },
  )
  .post(
    "/:id/disable",
    routeDoc({
      summary: "Disable a user: signs them out, stops their API tokens and refuses their sign-ins",
      description: "409 for yourself or for the workspace's last active admin.",
      response: managedUserSchema,
    }),
    async (c) => {
      const admin = requireRole(c, "admin");
      const { db } = c.get("services");
      const current = await findUser(c, admin);
      if (current.id === admin.userId) throw new ApiError("conflict", "You cannot disable yourself; ask another admin.");
      if (current.disabledAt) return c.json(toUser(current), 200);
      const updated = await db.transaction(async (tx) => {
        if (current.role === "admin") {
          // Locked, so two admins disabling each other at once cannot leave the workspace with none.
          const admins = await tx
            .select({ id: users.id })
            .from(users)
            .where(and(eq(users.workspaceId, admin.workspaceId), eq(users.role, "admin"), isNull(users.disabledAt)))
            .for("update");
          if (!admins.some((a) => a.id !== current.id)) {
            throw new ApiError("conflict", "This is the workspace's last active admin; make someone else an admin first.");
          }
        }
        const [row] = await tx.update(users).set({ disabledAt: new Date() }).where(and(eq(users.id, current.id), isNull(users.disabledAt))).returning();
        await endSessions(tx, current.id);
        await recordAudit(tx, {
          workspaceId: admin.workspaceId,
          actorUserId: admin.userId,
          action: "user.disable",
          entityType: "user",
          entityId: current.id,
          before: { disabled: false },
          after: { disabled: true },
        });
        return row ?? current;
      });
      await c.get("services").liveStreams.endFor(current.id);
      return c.json(toUser(updated), 200);
    },
  )
  .post(
    "/:id/enable",
    routeDoc({ summary: "Re-enable a disabled user: they can sign in again and their API tokens work again", response: managedUserSchema }),
    async (c) => {
      const admin = requireRole(c, "admin");
      const { db } = c.get("services");
      const current = await findUser(c, admin);
      if (!current.disabledAt) return c.json(toUser(current), 200);
      const updated = await db.transaction(async (tx) => {
        const [row] = await tx.update(users).set({ disabledAt: null }).where(eq(users.id, current.id)).returning();
        await recordAudit(tx, {
          workspaceId: admin.workspaceId,
          actorUserId: admin.userId,
          action: "user.enable",
          entityType: "user",
          entityId: current.id,
          before: { disabled: true },
          after: { disabled: false },
        });
        return row!;
      });
      return c.json(toUser(updated), 200);
    },
  );
