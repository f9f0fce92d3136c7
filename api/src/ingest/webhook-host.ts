import { createHash } from "node:crypto";
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
    accept: ({ signature, ...delivery }) =>
      services.acceptInboundEvent({ ...delivery, source: "webhook", replayKey: signature === undefined ? null : replayKeyOf(delivery.format, signature) }),
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

/** Signatures are hex digests: their case is not part of them. Hashed so the table holds no signature. */
function replayKeyOf(format: string, signature: string): string {
  return createHash("sha256").update(`${format}\n${signature.trim().toLowerCase()}`).digest("hex");
}
