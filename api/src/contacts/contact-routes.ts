import { Hono } from "hono";
import { contactErasureSchema, contactMuteSchema } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import { ApiError } from "../errors/api-error.ts";
import { routeDoc } from "../openapi/route-doc.ts";
import { eraseContact } from "./erase-contact.ts";
import { readContactMuted, setContactMuted } from "../moderation/mute-contact.ts";

export const contactRoutes = new Hono<AppEnv>()
  .get("/:id/mute", routeDoc({ summary: "Whether an author is muted", response: contactMuteSchema }), async (c) => {
    const muted = await readContactMuted(c.get("services").db, actorOf(c).workspaceId, c.req.param("id"));
    if (!muted) throw new ApiError("not_found", "No contact with that id in this workspace.");
    return c.json(muted, 200);
  })
  /** Mute an author: their new comments are hidden on arrival (agents; audited). */
  .post("/:id/mute", routeDoc({ summary: "Mute an author: their new comments are hidden on arrival (agents)", response: contactMuteSchema }), async (c) => {
    const agent = requireRole(c, "agent");
    return c.json(await setContactMuted(c.get("services").db, agent, c.req.param("id"), true), 200);
  })
  .delete("/:id/mute", routeDoc({ summary: "Unmute an author (agents)", response: contactMuteSchema }), async (c) => {
    const agent = requireRole(c, "agent");
    return c.json(await setContactMuted(c.get("services").db, agent, c.req.param("id"), false), 200);
  })
  .delete(
  "/:id",
  routeDoc({
    summary: "Erase a contact and their personal data: messages, dependent rows, raw deliveries (admins; audited without the text)",
    response: contactErasureSchema,
  }),
  async (c) => {
    const admin = requireRole(c, "admin");
    const erased = await eraseContact(c.get("services").db, { contactId: c.req.param("id"), workspaceId: admin.workspaceId, actorUserId: admin.userId });
    if (!erased) throw new ApiError("not_found", "No contact with that id in this workspace.");
    return c.json(erased, 200);
  },
);
