import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { connectedAccounts, messages } from "../db/schema/index.ts";
import { newId } from "../lib/ids.ts";
import { fixturesDir } from "../lib/repo-paths.ts";
import { signMetaPayload } from "../platforms/instagram/signature.ts";

const demoFileSchema = z.object({
  account: z.object({ externalAccountId: z.string(), handle: z.string() }),
  deliveries: z.array(
    z.object({
      object: z.literal("instagram"),
      entry: z.array(
        z.object({ time: z.number(), messaging: z.array(z.object({ timestamp: z.number() }).loose()).optional() }).loose(),
      ),
    }).loose(),
  ),
});

export const DEMO_FIXTURE = join(fixturesDir, "instagram/demo/glowbar-launch.json");

/** Moves every delivery in time so the newest lands at `now`, keeping the gaps between them. */
function shiftToNow(deliveries: z.infer<typeof demoFileSchema>["deliveries"], now: Date) {
  const newest = Math.max(...deliveries.flatMap((d) => d.entry.map((e) => e.time)));
  const shift = Math.floor(now.getTime() / 1000) - newest;
  return deliveries.map((delivery) => ({
    ...delivery,
    entry: delivery.entry.map((entry) => ({
      ...entry,
      time: entry.time + shift,
      ...(entry.messaging && {
        messaging: entry.messaging.map((item) => ({ ...item, timestamp: item.timestamp + shift * 1000 })),
      }),
    })),
  }));
}

interface SeedDemoOptions {
  app: { request(path: string, init: RequestInit): Response | Promise<Response> };
  config: Config;
  db: Database;
  workspaceId: string;
  now?: Date;
}

/**
 * Fills an empty demo workspace with a product launch's comments and DMs, each signed and
 * POSTed to the real webhook endpoint, so the demo exercises the same path as production.
 */
export async function seedDemo({ app, config, db, workspaceId, now = new Date() }: SeedDemoOptions) {
  const secret = config.instagram.appSecret;
  if (!secret) return { delivered: 0, skipped: "no Instagram app secret" };
  const file = demoFileSchema.parse(JSON.parse(await readFile(DEMO_FIXTURE, "utf8")));

  await db
    .insert(connectedAccounts)
    .values({
      id: newId("acct"),
      workspaceId,
      platform: "instagram",
      channel: "instagram",
      externalAccountId: file.account.externalAccountId,
      handle: file.account.handle,
    })
    .onConflictDoNothing();
  const [account] = await db
    .select({ id: connectedAccounts.id })
    .from(connectedAccounts)
    .where(
      and(eq(connectedAccounts.channel, "instagram"), eq(connectedAccounts.externalAccountId, file.account.externalAccountId)),
    );
  const [alreadySeeded] = await db.select({ id: messages.id }).from(messages).where(eq(messages.accountId, account!.id)).limit(1);
  if (alreadySeeded) return { delivered: 0, skipped: "demo account already has messages" };

  let delivered = 0;
  for (const delivery of shiftToNow(file.deliveries, now)) {
    const body = JSON.stringify(delivery);
    const response = await app.request("/webhooks/instagram", {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": signMetaPayload(body, secret) },
      body,
    });
    if (response.status !== 200) throw new Error(`demo delivery refused: ${response.status} ${await response.text()}`);
    delivered += 1;
  }
  return { delivered };
}
