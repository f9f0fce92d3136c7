import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { presenceBeatSchema, presenceLeaveSchema, type LiveApprovalsChangedEvent, type LiveMessagesEvent, type LiveModerationNotice, type LiveNoteAddedEvent, type LiveOrderChangedEvent, type LiveReady, type MessagePresence } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import { validate } from "../middleware/validator.ts";
import { routeDoc } from "../openapi/route-doc.ts";
import { RECONNECT_AFTER_MS } from "./live-streams.ts";

/** Proxies drop idle connections; a comment line now and then keeps the stream open. */
const KEEPALIVE_MS = 15_000;

export const liveRoutes = new Hono<AppEnv>()
  /**
   * Server-sent events for one console: `ready` (everyone's presence), then `messages` (ids of
   * new or changed messages in the actor's workspace), `presence` and `order.changed` (an order
   * of the workspace's shops changed), `notice`, `note.added` and, to admins, `approvals.changed` as they happen; at shutdown, `reconnect` (with a `retry`
   * delay) before the stream ends.
   */
  .get("/stream", routeDoc({ summary: "Server-sent events: ready, messages, presence, order.changed, notice, note.added, approvals.changed (admins)", mediaType: "text/event-stream" }), (c) => {
    const actor = actorOf(c);
    const { events, presence, liveStreams } = c.get("services");
    c.header("cache-control", "no-cache, no-transform");
    c.header("x-accel-buffering", "no");
    return streamSSE(c, async (stream) => {
      // One write at a time: events can arrive while the previous one is still being written.
      let writing: Promise<void> = Promise.resolve();
      const send = (event: string, data: unknown, retry?: number) => {
        writing = writing.then(() => stream.writeSSE({ event, data: JSON.stringify(data), ...(retry && { retry }) })).catch(() => undefined);
      };
      const stopMessages = events.subscribe((event) => {
        if (event.workspaceId !== actor.workspaceId) return;
        if (event.type === "messages") send("messages", { change: event.change, ids: event.ids } satisfies LiveMessagesEvent);
        else if (event.type === "order") send("order.changed", { system: event.system, orderId: event.orderId } satisfies LiveOrderChangedEvent);
        else if (event.type === "moderation_notice") {
          send("notice", { messageId: event.messageId, ruleName: event.ruleName, note: event.note } satisfies LiveModerationNotice);
        } else if (event.type === "note") {
          const mentionsYou = event.mentionedUserIds.includes(actor.userId);
          send("note.added", { messageId: event.messageId, noteId: event.noteId, authorName: event.authorName, mentionsYou } satisfies LiveNoteAddedEvent);
        } else if (event.type === "approvals" && actor.role === "admin") {
          // Only admins decide approvals; nobody else's console counts them.
          send("approvals.changed", {} satisfies LiveApprovalsChangedEvent);
        }
      });
      const stopPresence = presence.subscribe((workspaceId, update) => {
        if (workspaceId === actor.workspaceId) send("presence", update satisfies MessagePresence);
      });
      let open = true;
      let wake = () => {};
      const finish = () => {
        open = false;
        stopMessages();
        stopPresence();
        wake();
      };
      stream.onAbort(() => {
        forget();
        finish();
      });
      // At shutdown: the console is told to reconnect (to this server once it is back, or to
      // another replica), then the stream ends, so the server's close is not held open.
      const end = async () => {
        send("reconnect", {}, RECONNECT_AFTER_MS);
        finish();
        await writing;
      };
      const forget = liveStreams.add(actor.userId, end);
      if (liveStreams.ending) {
        forget();
        return end();
      }
      send("ready", { presence: presence.snapshot(actor.workspaceId) } satisfies LiveReady);
      while (open) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, KEEPALIVE_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (open) writing = writing.then(() => stream.write(": keepalive\n\n")).then(() => undefined, () => undefined);
      }
      await writing;
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
