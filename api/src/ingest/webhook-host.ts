import { and, eq } from "drizzle-orm";
import type { WebhookHost } from "../connectors/contract.ts";
import { connectedAccounts } from "../db/schema/index.ts";
import type { Services } from "../services.ts";
import { pollSoon } from "../sync/poll-soon.ts";

/** What the product lends every connector's webhook routes (see connectors/webhook-host.ts). */
export function createWebhookHost(services: Services): WebhookHost {
  const { db, config, logger } = services;
  return {
    config,
    logger,
    accept: (delivery) => services.acceptInboundEvent({ ...delivery, source: "webhook" }),
    async findAccountId(channel, externalAccountId) {
      const [account] = await db
        .select({ id: connectedAccounts.id })
        .from(connectedAccounts)
        .where(and(eq(connectedAccounts.channel, channel), eq(connectedAccounts.externalAccountId, externalAccountId)))
        .limit(1);
      return account?.id ?? null;
    },
    pollSoon: (accountId, candidates, now) => pollSoon(db, accountId, candidates, now),
  };
}
