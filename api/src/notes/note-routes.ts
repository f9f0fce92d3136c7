import { Hono } from "hono";
import { noteCreateSchema, noteListSchema, noteSchema, type Note } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import { ApiError } from "../errors/api-error.ts";
import type { EventBus } from "../events/event-bus.ts";
import { validate } from "../middleware/validator.ts";
import { routeDoc } from "../openapi/route-doc.ts";
import { addNote, listMentions, listNotes } from "./note-store.ts";

const noMessage = () => new ApiError("not_found", "No message with that id in this workspace.");

/** Tells the workspace's consoles, after the note is committed, so nobody reads it before it exists. */
export function publishNote(events: EventBus, workspaceId: string, note: Note, mentionUserIds: readonly string[]) {
  events.publish({ type: "note", workspaceId, messageId: note.messageId, noteId: note.id, authorName: note.author?.name ?? null, mentionedUserIds: [...mentionUserIds] });
}

/** Everyone signed in reads notes; agents and admins write them. */
export const noteRoutes = new Hono<AppEnv>()
  .get("/mentions", routeDoc({ summary: "The newest notes that mention you", response: noteListSchema }), async (c) => {
    const actor = actorOf(c);
    return c.json({ items: await listMentions(c.get("services").db, actor.workspaceId, actor.userId) }, 200);
  })
  .get("/messages/:id", routeDoc({ summary: "A message's internal notes, oldest first", response: noteListSchema }), async (c) => {
    const actor = actorOf(c);
    return c.json({ items: await listNotes(c.get("services").db, actor.workspaceId, c.req.param("id")) }, 200);
  })
  .post("/messages/:id", routeDoc({ summary: "Add an internal note, mentioning colleagues (agents)", response: noteSchema, status: 201 }), validate("json", noteCreateSchema), async (c) => {
    const agent = requireRole(c, "agent");
    const { db, events } = c.get("services");
    const input = c.req.valid("json");
    const note = await db.transaction((tx) => addNote(tx, { workspaceId: agent.workspaceId, messageId: c.req.param("id"), authorUserId: agent.userId, body: input.body, mentionUserIds: input.mentionUserIds }));
    if (!note) throw noMessage();
    publishNote(events, agent.workspaceId, note, note.mentions.map((m) => m.id));
    return c.json(note, 201);
  });
