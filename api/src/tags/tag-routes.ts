import { Hono } from "hono";
import { tagCreateSchema, tagListSchema, tagPatchSchema, tagSchema } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import { validate } from "../middleware/validator.ts";
import { routeDoc } from "../openapi/route-doc.ts";
import { createTag, deleteTag, listTags, updateTag } from "./tag-store.ts";

/** The workspace's tag list: everyone reads it; agents add, rename, recolour and delete tags. */
export const tagRoutes = new Hono<AppEnv>()
  .get("/", routeDoc({ summary: "The workspace's tags, by name, with how many items carry each", response: tagListSchema }), async (c) => {
    const items = await listTags(c.get("services").db, actorOf(c).workspaceId);
    return c.json({ items }, 200);
  })
  .post("/", routeDoc({ summary: "Add a tag (agents)", response: tagSchema, status: 201 }), validate("json", tagCreateSchema), async (c) => {
    const agent = requireRole(c, "agent");
    return c.json(await createTag(c.get("services").db, agent, c.req.valid("json")), 201);
  })
  .patch("/:id", routeDoc({ summary: "Rename or recolour a tag (agents)", response: tagSchema }), validate("json", tagPatchSchema), async (c) => {
    const agent = requireRole(c, "agent");
    const { db, events } = c.get("services");
    const { tag, carriers } = await updateTag(db, agent, c.req.param("id"), c.req.valid("json"));
    // Items show their tags by name: open consoles re-read the ones that carry it.
    if (carriers.length > 0) events.publish({ type: "messages", workspaceId: agent.workspaceId, change: "updated", ids: carriers });
    return c.json(tag, 200);
  })
  .delete("/:id", routeDoc({ summary: "Delete a tag and take it off every item (agents)" }), async (c) => {
    const agent = requireRole(c, "agent");
    const { db, events } = c.get("services");
    const carriers = await deleteTag(db, agent, c.req.param("id"));
    if (carriers.length > 0) events.publish({ type: "messages", workspaceId: agent.workspaceId, change: "updated", ids: carriers });
    return c.json({ ok: true }, 200);
  });
