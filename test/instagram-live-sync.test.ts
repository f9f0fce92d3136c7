import { authHeaders } from "./support/sign-in.ts";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message, MessagePage } from "@surgedesk/shared";
import { loadConfig } from "../api/src/config.ts";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedAccount } from "@surgedesk/devkit/emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { commentWebhookBody, signedDelivery } from "@surgedesk/devkit/emulators/instagram/webhook-deliveries.ts";
import { startSurgedesk, type RunningSurgedesk } from "../api/src/start-surgedesk.ts";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";
import { TEST_INSTAGRAM_SECRET } from "@surgedesk/devkit/testing/test-app.ts";
import { ensureWorkspace } from "../api/src/workspaces/ensure-workspace.ts";

/**
 * The running product against an emulated Instagram, nothing drained by hand: connecting an
 * account backfills its comments through the Graph API, and a comment posted afterwards arrives
 * through the webhook.
 */
describe("an emulated Instagram account, connected to a running Surgedesk", () => {
  const world = new InstagramWorld();
  const emulator = startEmulatorServer(instagramGraphHandlers(world));
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DEMO: "false",
    LOG_LEVEL: "silent",
    INSTAGRAM_APP_SECRET: TEST_INSTAGRAM_SECRET,
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  });
  let running: RunningSurgedesk;
  let headers: Record<string, string>;
  beforeAll(async () => {
    running = await startSurgedesk(config, { database: await createTestDatabase() });
    headers = await authHeaders(running);
  });
  afterAll(async () => {
    await running?.stop();
    emulator.close();
  });

  async function inbox(): Promise<Message[]> {
    const items: Message[] = [];
    let cursor: string | null = null;
    do {
      const res = await fetch(`${running.url}/api/messages?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, {
        headers,
      });
      const page = (await res.json()) as MessagePage;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  const brand = world.addAccount({ username: "glowbar" });
  const reel = world.addMedia(brand.id, { caption: "restock day" });
  world.addComments(reel.id, 120, (i) => ({ text: i % 2 ? "where is my order" : "need this in pink" }));

  it("backfills the account's comments once it is connected", { timeout: 60_000 }, async () => {
    const workspaceId = await ensureWorkspace(running.database.db, config.workspaceName);
    await connectEmulatedAccount(running.database.db, config, workspaceId, brand);
    await expect.poll(async () => (await inbox()).length, { timeout: 45_000, interval: 250 }).toBe(120);
    expect(new Set((await inbox()).map((m) => m.externalId)).size).toBe(120);
  });

  it("shows a comment posted on the emulated reel promptly after its webhook", async () => {
    const comment = world.addComment(reel.id, { text: "my code GLOW10 isn't working 😤" });
    const sentAt = Date.now();
    const res = await fetch(`${running.url}/webhooks/instagram`, signedDelivery(commentWebhookBody(world, comment), TEST_INSTAGRAM_SECRET));
    expect(res.status).toBe(200);
    await expect.poll(async () => (await inbox()).some((m) => m.externalId === comment.id), { timeout: 10_000, interval: 25 }).toBe(true);
    console.log(`emulated reel comment in the inbox ${Date.now() - sentAt} ms after its webhook`);
  });
});
