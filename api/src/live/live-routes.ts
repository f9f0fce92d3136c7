import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { presenceBeatSchema, presenceLeaveSchema, type LiveMessagesEvent, type LiveReady, type MessagePresence } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import { validate } from "../middleware/validator.ts";
import { routeDoc } from "../openapi/route-doc.ts";

/** Proxies drop idle connections; a comment line now and then keeps the stream open. */
const KEEPALIVE_MS = 15_000;

export const liveRoutes = new Hono<AppEnv>()
  /**
   * Server-sent events for one console: `ready` (everyone's presence), then `messages` (ids of
   * new or changed messages in the actor's workspace) and `presence` as they happen.
   */
  .get("/stream", routeDoc({ summary: "Server-sent events: ready, messages, presence", mediaType: "text/event-stream" }), (c) => {
    const actor = actorOf(c);
    const { events, presence } = c.get("services");
    c.header("cache-control", "no-cache, no-transform");
    c.header("x-accel-buffering", "no");
    return streamSSE(c, async (stream) => {
      // One write at a time: events can arrive while the previous one is still being written.
      let writing: Promise<void> = Promise.resolve();
      const send = (event: string, data: unknown) => {
        writing = writing.then(() => stream.writeSSE({ event, data: JSON.stringify(data) })).catch(() => undefined);
      };
      const stopMessages = events.subscribe((event) => {
        if (event.type !== "messages" || event.workspaceId !== actor.workspaceId) return;
        send("messages", { change: event.change, ids: event.ids } satisfies LiveMessagesEvent);
      });
      const stopPresence = presence.subscribe((workspaceId, update) => {
        if (workspaceId === actor.workspaceId) send("presence", update satisfies MessagePresence);
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        stopMessages();
        stopPresence();
      });
      send("ready", { presence: presence.snapshot(actor.workspaceId) } satisfies LiveReady);
      while (open) {
        await stream.sleep(KEEPALIVE_MS);
        if (open) writing = writing.then(() => stream.write(": keepalive\n\n")).then(() => undefined, () => undefined);
      }
    });
  })
  /** A console's heartbeat on the message it has open; "replying" needs the agent role. */
  .post("/presence", routeDoc({ summary: "Heartbeat on the message a console has open" }), validate("json", presenceBeatSchema), (c) => {
    const beat = c.req.valid("json");
    const actor = beat.activity === "replying" ? requireRole(c, "agent") : actorOf(c);
    c.get("services").events.publish({
      type: "presence",
      workspaceId: actor.workspaceId,
      messageId: beat.messageId,
      clientId: beat.clientId,
      userId: actor.userId,
      name: actor.name,
      activity: beat.activity,
      seq: beat.seq,
    });
    return c.json({ ok: true }, 200);
  })
  .post("/presence/leave", routeDoc({ summary: "A console left the message" }), validate("json", presenceLeaveSchema), (c) => {
    const actor = actorOf(c);
    const leave = c.req.valid("json");
    c.get("services").events.publish({
      type: "presence",
      workspaceId: actor.workspaceId,
      messageId: leave.messageId,
      clientId: leave.clientId,
      userId: actor.userId,
      name: actor.name,
      activity: null,
      seq: leave.seq,
    });
    return c.json({ ok: true }, 200);
  });
