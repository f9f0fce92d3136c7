import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Config } from "@surgedesk/api/config.ts";
import type { Database } from "@surgedesk/api/db/client.ts";
import { connectedAccounts } from "@surgedesk/api/db/schema/index.ts";
import { newId } from "@surgedesk/api/lib/ids.ts";
import { fixturesDir } from "@surgedesk/api/lib/repo-paths.ts";
import { signMetaPayload } from "@surgedesk/api/platforms/instagram/signature.ts";
import type { InstagramWorld } from "../emulators/instagram/instagram-world.ts";
import { mirrorInstagramDelivery } from "../emulators/instagram/mirror-deliveries.ts";

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
  /**
   * False when the workspace had messages before the demo started (an earlier start delivered
   * the launch). Decided by the caller before the emulated platforms are polled: the pollers
   * soon store the demo account's backfilled comments, so asking afterwards would be a race.
   */
  deliver: boolean;
  now?: Date;
}

/** Captions for the launch's posts, in the order they first appear (each post its own, as on a real feed). */
const LAUNCH_CAPTIONS = [
  "Glowbar launch: the vitamin C glow serum is here",
  "Glowbar launch day unboxing",
  "Glow serum: how to layer it (AM routine)",
  "Glowbar launch giveaway: tag a friend",
  "Glowbar x creators: first impressions",
];

/**
 * Puts the launch's reels, comments and customers' DMs into the emulated Instagram with the
 * recorded ids, so what the demo shows is also on "Instagram": an agent's reply, hide or Private
 * Reply to a demo comment reaches a comment the platform knows. Done on every start (the
 * emulator lives in memory), whether or not the deliveries are sent again, and before the
 * account is connected: the first read of the media list must find the launch's reels, or
 * they would stay nameless until the next one, 15 minutes later.
 */
export async function mirrorDemoLaunch(world: InstagramWorld, now: Date): Promise<void> {
  const file = demoFileSchema.parse(JSON.parse(await readFile(DEMO_FIXTURE, "utf8")));
  let mediaSeen = 0;
  const captionFor = () => LAUNCH_CAPTIONS[mediaSeen++ % LAUNCH_CAPTIONS.length]!;
  for (const delivery of shiftToNow(file.deliveries, now)) mirrorInstagramDelivery(world, file.account.externalAccountId, delivery, captionFor);
}

/**
 * Fills an empty demo workspace with a product launch's comments and DMs, each signed and
 * POSTed to the real webhook endpoint, so the demo exercises the same path as production.
 */
export async function seedDemo({ app, config, db, workspaceId, deliver, now = new Date() }: SeedDemoOptions) {
  const secret = config.instagram.appSecret;
  if (!secret) return { delivered: 0, skipped: "no Instagram app secret" };
  const file = demoFileSchema.parse(JSON.parse(await readFile(DEMO_FIXTURE, "utf8")));
  const deliveries = shiftToNow(file.deliveries, now);
  if (!deliver) return { delivered: 0, skipped: "delivered on an earlier start" };

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

  let delivered = 0;
  for (const delivery of deliveries) {
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
