import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { LiveMessagesEvent, MessagePresence } from "@surgedesk/shared";
import { messages } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { readSse } from "./read-sse.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("GET /api/live/stream", () => {
  it("announces new messages once ingestion has stored them, and changes as agents make them", async () => {
    const stream = readSse(await t.app.request("/api/live/stream"));
    try {
      await stream.next((e) => e.event === "ready");
      const { commentId, body } = instagramCommentDelivery({ text: "where is my order" });
      expect((await t.app.request("/webhooks/instagram", signedInstagramPost(body))).status).toBe(200);
      await t.ingest.drain();
      const [stored] = await t.database.db.select({ id: messages.id }).from(messages).where(eq(messages.externalId, commentId));
      const created = await stream.next((e) => e.event === "messages");
      expect(created.data).toEqual({ change: "created", ids: [stored!.id] } satisfies LiveMessagesEvent);

      await t.app.request(`/api/messages/${stored!.id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ status: "closed" }),
      });
      const updated = await stream.next((e) => e.event === "messages");
      expect(updated.data).toEqual({ change: "updated", ids: [stored!.id] });
    } finally {
      await stream.close();
    }
  });

  it("says who else is viewing or replying to a message, and when they leave", async () => {
    const stream = readSse(await t.app.request("/api/live/stream"));
    const colleague = await t.tokenFor("agent");
    const beat = (path: string, body: unknown) =>
      t.app.request(`/api/live/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${colleague}` },
        body: JSON.stringify(body),
      });
    try {
      await stream.next((e) => e.event === "ready");
      expect((await beat("presence", { messageId: "msg_a", clientId: "console-b-123", activity: "viewing", seq: 1 })).status).toBe(200);
      const viewing = (await stream.next((e) => e.event === "presence")).data as MessagePresence;
      expect(viewing).toEqual({ messageId: "msg_a", entries: [{ clientId: "console-b-123", userId: expect.any(String), name: "Test agent", activity: "viewing" }] });
      await beat("presence", { messageId: "msg_a", clientId: "console-b-123", activity: "replying", seq: 2 });
      expect(((await stream.next((e) => e.event === "presence")).data as MessagePresence).entries[0]?.activity).toBe("replying");
      // A late console learns who is where from its first event.
      const late = readSse(await t.app.request("/api/live/stream"));
      const ready = await late.next((e) => e.event === "ready");
      expect(ready.data).toMatchObject({ presence: [{ messageId: "msg_a", entries: [{ activity: "replying" }] }] });
      await late.close();
      await beat("presence/leave", { messageId: "msg_a", clientId: "console-b-123", seq: 3 });
      expect((await stream.next((e) => e.event === "presence")).data).toEqual({ messageId: "msg_a", entries: [] });
      // Viewers may look but not claim to reply.
      const viewer = await t.tokenFor("viewer");
      const refused = await t.app.request("/api/live/presence", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${viewer}` },
        body: JSON.stringify({ messageId: "msg_a", clientId: "console-v-123", activity: "replying", seq: 1 }),
      });
      expect(refused.status).toBe(403);
    } finally {
      await stream.close();
    }
  });

  // Last: it ends every stream of this app, as a shutdown does.
  it("tells each console to reconnect and ends its stream at shutdown, and ends a stream opened after at once", async () => {
    const stream = readSse(await t.app.request("/api/live/stream"));
    await stream.next((e) => e.event === "ready");
    await t.live.streams.endAll();
    expect(await stream.next()).toEqual({ event: "reconnect", data: {} });
    await expect(stream.next()).rejects.toThrow(/the stream ended/);

    const late = readSse(await t.app.request("/api/live/stream"));
    expect(await late.next()).toEqual({ event: "reconnect", data: {} });
    await expect(late.next()).rejects.toThrow(/the stream ended/);
  });
});
