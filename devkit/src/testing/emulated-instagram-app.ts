import { afterAll, beforeAll, expect } from "vitest";
import { startEmulatorServer } from "../emulators/emulator-server.ts";
import { connectEmulatedAccount } from "../emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "../emulators/instagram/graph-handlers.ts";
import { InstagramWorld, type EmulatedComment, type EmulatedMedia } from "../emulators/instagram/instagram-world.ts";
import { commentWebhookBody, signedDelivery } from "../emulators/instagram/webhook-deliveries.ts";
import { createTestApp, TEST_INSTAGRAM_SECRET, type TestApp } from "./test-app.ts";

export interface EmulatedInstagramApp {
  world: InstagramWorld;
  reel: EmulatedMedia;
  /** The test app, once `beforeAll` has run. */
  readonly t: TestApp;
  /** A buyer comments on the reel and Meta delivers it through the signed webhook (not yet ingested). */
  postComment(text: string, from: { id: string; username: string }): Promise<EmulatedComment>;
}

/**
 * What tests of the comment path stand on: a test app with an emulated Instagram account
 * connected (the Graph API emulator answers its hides and replies) and one reel. Call it in a
 * `describe`: it registers its own `beforeAll` and `afterAll`.
 */
export function useEmulatedInstagramApp(): EmulatedInstagramApp {
  const world = new InstagramWorld();
  const emulator = startEmulatorServer(instagramGraphHandlers(world));
  const account = world.addAccount({ username: "glowbar.co" });
  const reel = world.addMedia(account.id);
  let app: TestApp | undefined;

  beforeAll(async () => {
    app = await createTestApp();
    await connectEmulatedAccount(app.database.db, app.config, app.workspaceId, account);
  });
  afterAll(async () => {
    await app?.close();
    emulator.close();
  });

  return {
    world,
    reel,
    get t() {
      if (!app) throw new Error("the test app starts in beforeAll");
      return app;
    },
    async postComment(text, from) {
      const comment = world.addComment(reel.id, { text, from });
      const res = await app!.app.request("/webhooks/instagram", signedDelivery(commentWebhookBody(world, comment), TEST_INSTAGRAM_SECRET));
      expect(res.status).toBe(200);
      return comment;
    },
  };
}
