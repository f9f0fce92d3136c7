import { eq } from "drizzle-orm";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";
import { loadConfig } from "../src/config.ts";
import { messages } from "../src/db/schema/index.ts";
import { startSurgedesk } from "../src/start-surgedesk.ts";

/**
 * The demo as an evaluation reads it: the product started in demo mode (no surge) on a database
 * of its own, the launch delivered and every emulated platform polled until nothing new comes, so
 * each run of an evaluation sees the same messages.
 */
export async function startSettledDemo() {
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DEMO: "true", DEMO_SURGE: "false", LOG_LEVEL: "silent" });
  const running = await startSurgedesk(config, { database: await createTestDatabase() });
  await running.ingest.drain();
  for (let pass = 0; pass < 10; pass++) {
    await running.sync.drain();
    if ((await running.ingest.drain()) === 0) break;
  }
  const { db } = running.database;
  const [{ workspaceId } = { workspaceId: "" }] = await db.selectDistinct({ workspaceId: messages.workspaceId }).from(messages).where(eq(messages.direction, "inbound"));
  return { config, running, db, workspaceId };
}
