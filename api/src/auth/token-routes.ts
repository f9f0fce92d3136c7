import { Hono } from "hono";
import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { apiTokens, users } from "../db/schema/index.ts";
import { ApiError } from "../errors/api-error.ts";
import { newId } from "../lib/ids.ts";
import { validate } from "../middleware/validator.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireRole } from "./actor.ts";
import { hashSecretToken, newSecretToken } from "./secret-token.ts";
import { routeDoc } from "../openapi/route-doc.ts";

const createTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** The user the token acts as (its role decides what it may do); the admin by default. */
  userId: z.string().optional(),
  /** When the token stops working; in the future. Unset: until revoked. */
  expiresAt: z.iso
    .datetime({ offset: true })
    .optional()
    .refine((at) => at === undefined || Date.parse(at) > Date.now(), "expiresAt must be in the future."),
});

const createdTokenSchema = z.object({ id: z.string(), name: z.string(), userId: z.string(), expiresAt: z.string().datetime().nullable(), token: z.string() });

/** API tokens for scripts and integrations. The token is shown once, at creation. */
export const tokenRoutes = new Hono<AppEnv>()
  .get("/", routeDoc({ summary: "Live API tokens (admins); expired ones are listed with their expiresAt until revoked" }), async (c) => {
    const admin = requireRole(c, "admin");
    const rows = await c
      .get("services")
      .db.select({ id: apiTokens.id, name: apiTokens.name, userId: apiTokens.userId, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, expiresAt: apiTokens.expiresAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(users.workspaceId, admin.workspaceId), isNull(apiTokens.revokedAt)))
      .orderBy(asc(apiTokens.createdAt));
    return c.json(
      { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null, expiresAt: r.expiresAt?.toISOString() ?? null })) },
      200,
    );
  })
  .post("/", routeDoc({ summary: "Create an API token; the token is in this answer only", status: 201, response: createdTokenSchema }), validate("json", createTokenSchema), async (c) => {
    const admin = requireRole(c, "admin");
    const { db } = c.get("services");
    const body = c.req.valid("json");
    const userId = body.userId ?? admin.userId;
    const [owner] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, userId), eq(users.workspaceId, admin.workspaceId)));
    if (!owner) throw new ApiError("validation_failed", "userId is not a user of this workspace.");
    const token = newSecretToken("sdt");
    const id = newId("tok");
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    await db.transaction(async (tx) => {
      await tx.insert(apiTokens).values({ id, userId, name: body.name, tokenHash: hashSecretToken(token), createdBy: admin.userId, expiresAt });
      await recordAudit(tx, {
        workspaceId: admin.workspaceId,
        actorUserId: admin.userId,
        action: "token.create",
        entityType: "api_token",
        entityId: id,
        before: null,
        after: { name: body.name, userId, expiresAt: expiresAt?.toISOString() ?? null },
      });
    });
    return c.json({ id, name: body.name, userId, expiresAt: expiresAt?.toISOString() ?? null, token } satisfies z.infer<typeof createdTokenSchema>, 201);
  })
  .delete("/:id", routeDoc({ summary: "Revoke an API token" }), async (c) => {
    const admin = requireRole(c, "admin");
    const { db } = c.get("services");
    const id = c.req.param("id");
    const [row] = await db
      .select({ id: apiTokens.id, name: apiTokens.name })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.id, id), eq(users.workspaceId, admin.workspaceId), isNull(apiTokens.revokedAt)));
    if (!row) throw new ApiError("not_found", "No live token with that id in this workspace.");
    await db.transaction(async (tx) => {
      await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
      await recordAudit(tx, { workspaceId: admin.workspaceId, actorUserId: admin.userId, action: "token.revoke", entityType: "api_token", entityId: id,
        // The name, so the entry says which token even where the log shows it alone (filtered).
        before: { name: row.name, revoked: false }, after: { name: row.name, revoked: true } });
    });
    return c.json({ revoked: true as const }, 200);
  });
