import { eq } from "drizzle-orm";
import type { StartDemo } from "@surgedesk/api/demo-mode.ts";
import { messages } from "@surgedesk/api/db/schema/index.ts";
import { DEMO_INSTAGRAM_ACCOUNT_ID, startDemoPlatforms } from "./demo-platforms.ts";
import { mirrorDemoLaunch, seedDemo } from "./seed-demo.ts";
import { startDemoSurge, type DemoSurge } from "../simulator/demo-surge.ts";

/**
 * Demo mode, started by the API (api/src/demo-mode.ts) once it is listening: the emulated
 * platforms with the demo brand's accounts connected, the launch delivered through the real
 * webhook path, and, unless turned off, a surge a few minutes later.
 */
export const startDemo: StartDemo = async ({ app, config, db, workspaceId, logger }) => {
  // Asked before the emulated platforms start: their pollers soon store messages as well.
  const [existing] = await db.select({ id: messages.id }).from(messages).where(eq(messages.workspaceId, workspaceId)).limit(1);
  const firstStart = !existing;
  // Emulated platforms first, so the demo accounts are connected to them before any poll.
  const now = new Date();
  const platforms = await startDemoPlatforms({ db, config, workspaceId, seedContent: firstStart, prepareInstagram: (world) => mirrorDemoLaunch(world, now) });
  const seeded = await seedDemo({ app, config, db, workspaceId, deliver: firstStart, now });
  let surge: DemoSurge | null = null;
  if (config.demoSurge) {
    surge = startDemoSurge({
      app,
      config,
      tiktok: { world: platforms.tiktok.world, businessId: platforms.tiktokBusinessId, surgeVideoId: platforms.surgeVideoId },
      instagram: { world: platforms.instagram, accountId: DEMO_INSTAGRAM_ACCOUNT_ID },
    });
  }
  logger.info("demo data delivered through the webhook path; emulated platforms are being polled", seeded);
  return {
    emulated: platforms,
    stop() {
      surge?.stop();
      platforms.stop();
    },
  };
};
