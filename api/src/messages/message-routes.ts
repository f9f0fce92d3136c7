import { Hono } from "hono";
import { itemTagRequestSchema, messageContextSchema, messageDetailSchema, messageListQuerySchema, messagePageSchema, messagePatchSchema } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../errors/api-error.ts";
import { validate } from "../middleware/validator.ts";
import { listMessages } from "../queues/list-messages.ts";
import { filterScopeOf } from "../queues/filter-scope.ts";
import { hideComments } from "../triage/hide-comments.ts";
import { getMessage } from "./message-queries.ts";
import { getMessageContext } from "./message-context.ts";
import { updateMessage } from "./update-message.ts";
import { moderateRelabelled } from "../moderation/moderate-relabelled.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import { routeDoc } from "../openapi/route-doc.ts";
import { tagItem } from "../tags/tag-item.ts";
import { itemIdOf } from "../conversations/item-of.ts";

const notFound = () => new ApiError("not_found", "No message with that id.");

export const messageRoutes = new Hono<AppEnv>()
  /** A queue, narrowed by filters, in its order; keyset-paginated. */
  .get("/", routeDoc({ summary: "List a queue's messages", description: "A queue narrowed by filters, in its order; pass `nextCursor` back as `cursor` for the next page.", response: messagePageSchema }), validate("query", messageListQuerySchema), async (c) => {
    const page = await listMessages(c.get("services").db, filterScopeOf(c), c.req.valid("query"));
    return c.json(page, 200);
  })
  .get("/:id", routeDoc({ summary: "One message with its full classification", response: messageDetailSchema }), async (c) => {
    const message = await getMessage(c.get("services").db, actorOf(c).workspaceId, c.req.param("id"));
    if (!message) throw notFound();
    return c.json(message, 200);
  })
  /** The post, the thread, and the buyer's other comments and DMs. */
  .get("/:id/context", routeDoc({ summary: "The post, the thread, and the buyer's other comments and DMs", response: messageContextSchema }), async (c) => {
    const context = await getMessageContext(c.get("services").db, actorOf(c).workspaceId, c.req.param("id"));
    if (!context) throw notFound();
    return c.json(context, 200);
  })
  .patch("/:id", routeDoc({ summary: "Correct a message's label, or change its status or assignee", response: messageDetailSchema }), validate("json", messagePatchSchema), async (c) => {
    const actor = requireRole(c, "agent");
    const { db, events } = c.get("services");
    // The change is the item's: from an older message of the conversation, its item row.
    const id = await itemIdOf(db, actor.workspaceId, c.req.param("id"));
    if (!id) throw notFound();
    const patch = c.req.valid("json");
    if (!(await updateMessage(db, actor, id, patch))) throw notFound();
    // A new label can make a moderation rule match, as at ingest.
    if (patch.label) await moderateRelabelled(c.get("services"), [id]);
    events.publish({ type: "messages", workspaceId: actor.workspaceId, change: "updated", ids: [id] });
    const message = await getMessage(db, actor.workspaceId, id);
    if (!message) throw notFound();
    return c.json(message, 200);
  })
  /** Puts one of the workspace's tags on the item (already there: nothing changes). */
  .post("/:id/tags", routeDoc({ summary: "Put a tag on a message", response: messageDetailSchema }), validate("json", itemTagRequestSchema), async (c) => {
    const actor = requireRole(c, "agent");
    const id = (await itemIdOf(c.get("services").db, actor.workspaceId, c.req.param("id"))) ?? c.req.param("id");
    await tagItem(c.get("services"), actor, id, c.req.valid("json").tagId, "add");
    const message = await getMessage(c.get("services").db, actor.workspaceId, id);
    if (!message) throw notFound();
    return c.json(message, 200);
  })
  .delete("/:id/tags/:tagId", routeDoc({ summary: "Take a tag off a message", response: messageDetailSchema }), async (c) => {
    const actor = requireRole(c, "agent");
    const id = (await itemIdOf(c.get("services").db, actor.workspaceId, c.req.param("id"))) ?? c.req.param("id");
    await tagItem(c.get("services"), actor, id, c.req.param("tagId"), "remove");
    const message = await getMessage(c.get("services").db, actor.workspaceId, id);
    if (!message) throw notFound();
    return c.json(message, 200);
  })
  /** Hides the comment on its platform (Instagram, TikTok); answers the message as it is now. */
  .post("/:id/hide", routeDoc({ summary: "Hide the comment on its platform", response: messageDetailSchema }), async (c) => {
    const actor = requireRole(c, "agent");
    const services = c.get("services");
    const id = c.req.param("id");
    const result = await hideComments(services, actor, [id]);
    const failure = result.failed[0];
    if (failure?.code === "not_found") throw notFound();
    if (failure) throw new ApiError("bad_request", `Could not hide the comment: ${failure.reason}`);
    if (result.hidden.length > 0) services.events.publish({ type: "messages", workspaceId: actor.workspaceId, change: "updated", ids: [id] });
    const message = await getMessage(services.db, actor.workspaceId, id);
    if (!message) throw notFound();
    return c.json(message, 200);
  });
