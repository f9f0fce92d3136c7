import { Hono } from "hono";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { connectAccountRequestSchema, connectedAccountSchema, type ConnectedAccountView } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { connectedAccounts } from "../db/schema/index.ts";
import type { ConnectedAccount } from "../db/types.ts";
import { validate } from "../middleware/validator.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import { connectAccount } from "./connect-account.ts";
import { routeDoc } from "../openapi/route-doc.ts";

/** What the API shows of an account: whether it has a token, never the token. */
export function toAccountView(row: ConnectedAccount): ConnectedAccountView {
  return {
    id: row.id,
    channel: row.channel,
    externalAccountId: row.externalAccountId,
    handle: row.handle,
    status: row.status,
    attentionReason: row.attentionReason,
    hasAccessToken: row.accessTokenEncrypted !== null,
    tokenExpiresAt: row.tokenExpiresAt?.toISOString() ?? null,
    throttledUntil: row.throttledUntil?.toISOString() ?? null,
    lastError: row.lastError,
  };
}

export const accountRoutes = new Hono<AppEnv>()
  .get("/", routeDoc({ summary: "Connected accounts (tokens never shown)", response: z.object({ items: z.array(connectedAccountSchema) }) }), async (c) => {
    const { workspaceId } = actorOf(c);
    const rows = await c
      .get("services")
      .db.select()
      .from(connectedAccounts)
      .where(eq(connectedAccounts.workspaceId, workspaceId))
      .orderBy(asc(connectedAccounts.createdAt));
    return c.json({ items: rows.map(toAccountView) }, 200);
  })
  .post("/", routeDoc({ summary: "Connect or reconnect an account with its token", status: 201, response: connectedAccountSchema }), validate("json", connectAccountRequestSchema), async (c) => {
    const { workspaceId, userId } = requireRole(c, "admin");
    const { db, config, connectors } = c.get("services");
    const body = c.req.valid("json");
    const account = await connectAccount(db, config, {
      workspaceId,
      channel: body.channel,
      externalAccountId: body.externalAccountId,
      handle: body.handle,
      accessToken: body.accessToken,
      tokenExpiresAt: body.tokenExpiresAt ? new Date(body.tokenExpiresAt) : null,
      platformParams: body.platformParams,
      actorUserId: userId,
    }, connectors);
    return c.json(toAccountView(account), 201);
  });
