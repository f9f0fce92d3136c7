import { Hono } from "hono";
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { connectAccountRequestSchema, connectedAccountSchema, type ConnectedAccountView } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { connectedAccounts } from "../db/schema/index.ts";
import type { ConnectedAccount } from "../db/types.ts";
import { validate } from "../middleware/validator.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import { connectAccount } from "./connect-account.ts";
import { routeDoc } from "../openapi/route-doc.ts";
import { oauthRoutes } from "./oauth/oauth-routes.ts";

/** What the API shows of an account: whether it has a token, never the token. */
export function toAccountView(row: ConnectedAccount, lastPolledAt: Date | null = null): ConnectedAccountView {
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
    tokenRefreshable: row.refreshTokenEncrypted !== null,
    tokenRefreshedAt: row.tokenRefreshedAt?.toISOString() ?? null,
    lastWebhookAt: row.lastWebhookAt?.toISOString() ?? null,
    lastPolledAt: lastPolledAt?.toISOString() ?? null,
  };
}

export const accountRoutes = new Hono<AppEnv>()
  .get("/", routeDoc({ summary: "Connected accounts (tokens never shown)", response: z.object({ items: z.array(connectedAccountSchema) }) }), async (c) => {
    const { workspaceId } = actorOf(c);
    const rows = await c
      .get("services")
      .db.select({
        account: connectedAccounts,
        // The scheduler stamps each cursor as it polls it: the account's last poll is the newest stamp.
        // Spelled out: drizzle leaves the outer column unqualified, which inside the subquery would name the cursor's own id.
        lastPolledAt: sql<Date | string | null>`(select max(c.last_polled_at) from sync_cursors c where c.account_id = ${connectedAccounts}.id)`,
      })
      .from(connectedAccounts)
      .where(eq(connectedAccounts.workspaceId, workspaceId))
      .orderBy(asc(connectedAccounts.createdAt));
    return c.json({ items: rows.map((r) => toAccountView(r.account, r.lastPolledAt === null ? null : new Date(r.lastPolledAt))) }, 200);
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
  })
  .route("/oauth", oauthRoutes);
