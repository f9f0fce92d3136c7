import { Hono } from "hono";
import { z } from "zod";
import { and, asc, eq } from "drizzle-orm";
import {
  commentToDmRequestSchema,
  placeholdersIn,
  outboxItemSchema,
  previewRequestSchema,
  previewResponseSchema,
  renderTemplate,
  sendReplyRequestSchema,
  sendResponseSchema,
  suggestionsResponseSchema,
  type PreviewResponse,
} from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import type { Actor } from "../auth/actor.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import type { Database } from "../db/client.ts";
import { replyOutbox } from "../db/schema/index.ts";
import { ApiError } from "../errors/api-error.ts";
import { validate } from "../middleware/validator.ts";
import { enqueueReplies, outboxItemView, privateReplyTaken, rowsForKey, type QueuedSend } from "./enqueue-replies.ts";
import { refuseUnseenReplies } from "./collision-guard.ts";
import { getMacro } from "./macro-store.ts";
import { orderContextFor } from "./order-context.ts";
import { publicReplyProblem } from "./pii-guard.ts";
import { loadReplyTarget } from "./reply-target.ts";
import { newId } from "../lib/ids.ts";
import { commentToDmAvailability, planPrivateReply, planPublicReply } from "./send-rules.ts";
import { macroLanguageOf, suggestReplies } from "./suggest-replies.ts";
import { templateValues } from "./template-values.ts";
import { inSameItem } from "../conversations/item-of.ts";
import { routeDoc } from "../openapi/route-doc.ts";

/** A reply still carrying `{{order_id}}` would reach the customer as is: refuse it, naming what to fill. */
function requireFilled(text: string, what: string) {
  const left = placeholdersIn(text);
  if (left.length > 0) {
    throw new ApiError("bad_request", `Fill ${left.map((n) => `{{${n}}}`).join(", ")} in the ${what} before sending.`);
  }
}

async function requireMacro(db: Database, actor: Actor, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  if (!(await getMacro(db, actor.workspaceId, id))) throw new ApiError("bad_request", "No such macro in this workspace.");
  return id;
}

const commentToDmDoc = routeDoc({
  summary: "Answer a comment publicly and carry the case to a DM (agents)",
  status: 202,
  response: z.object({ mode: z.enum(["private_reply", "public_invite"]), items: z.array(outboxItemSchema) }),
});

/**
 * `/api/replies`: suggestions for a message, a live preview for the macro editor, sending (a
 * reply, or the comment-to-DM move) through the outbox, and the outbox's state per message.
 * Reading is for everyone; sending needs the agent role. Every check that a platform would
 * fail is made here, before anything is queued.
 */
export const replyRoutes = new Hono<AppEnv>()
  .get("/:messageId/suggestions", routeDoc({ summary: "Reply suggestions for a message, filled in", response: suggestionsResponseSchema }), async (c) => {
    const actor = actorOf(c);
    const { db, config, connectors } = c.get("services");
    const target = await loadReplyTarget(db, actor.workspaceId, c.req.param("messageId"));
    return c.json(await suggestReplies({ db, config, connectors, workspaceId: actor.workspaceId, agentName: actor.name, target }));
  })
  .post("/preview", routeDoc({ summary: "Render a macro against a message", response: previewResponseSchema }), validate("json", previewRequestSchema), async (c) => {
    const actor = actorOf(c);
    const { db, config, connectors } = c.get("services");
    const input = c.req.valid("json");
    const target = await loadReplyTarget(db, actor.workspaceId, input.messageId);
    const order = await orderContextFor({ db, config, connectors, workspaceId: actor.workspaceId, target });
    const values = { ...templateValues({ message: target.message, order, agentName: actor.name, language: macroLanguageOf(target) }), ...input.values };
    const rendered = renderTemplate(input.body, values);
    const body: PreviewResponse = { rendered, values, piiProblem: input.channel === "public" ? publicReplyProblem(rendered.text) : null };
    return c.json(body);
  })
  .post("/:messageId/send", routeDoc({ summary: "Queue a public or private reply (agents)", status: 202, response: sendResponseSchema }), validate("json", sendReplyRequestSchema), async (c) => {
    const actor = requireRole(c, "agent");
    const { db, connectors } = c.get("services");
    const input = c.req.valid("json");
    requireFilled(input.text, "reply");
    const earlier = await rowsForKey(db, actor.workspaceId, input.idempotencyKey);
    if (earlier.length > 0) return c.json({ items: earlier.map(outboxItemView) }, 202);
    const target = await loadReplyTarget(db, actor.workspaceId, c.req.param("messageId"));
    await refuseUnseenReplies(db, { workspaceId: actor.workspaceId, messageId: target.message.id, actorUserId: actor.userId, seenReplyIds: input.seenReplyIds });
    const macroId = await requireMacro(db, actor, input.macroId);
    const now = new Date();
    const taken = target.message.kind === "comment" && input.channel === "private" ? await privateReplyTaken(db, actor.workspaceId, target.message.externalId) : false;
    const plan = input.channel === "public" ? planPublicReply(connectors, target, input.text) : planPrivateReply(connectors, target, input.text, taken, now);
    const rows = await enqueueReplies(db, {
      actor,
      target,
      sends: [{ ...plan, macroId, part: input.channel }],
      idempotencyKey: input.idempotencyKey ?? newId("act"),
      action: "reply.queue",
    });
    c.get("services").notifyOutbox?.();
    return c.json({ items: rows.map(outboxItemView) }, 202);
  })
  .post("/:messageId/comment-to-dm", commentToDmDoc, validate("json", commentToDmRequestSchema), async (c) => {
    const actor = requireRole(c, "agent");
    const { db, connectors } = c.get("services");
    const input = c.req.valid("json");
    requireFilled(input.publicText, "public acknowledgement");
    if (input.privateText) requireFilled(input.privateText, "private reply");
    const earlier = await rowsForKey(db, actor.workspaceId, input.idempotencyKey);
    if (earlier.length > 0) return c.json({ mode: earlier.some((r) => r.kind === "private_reply") ? ("private_reply" as const) : ("public_invite" as const), items: earlier.map(outboxItemView) }, 202);
    const target = await loadReplyTarget(db, actor.workspaceId, c.req.param("messageId"));
    await refuseUnseenReplies(db, { workspaceId: actor.workspaceId, messageId: target.message.id, actorUserId: actor.userId, seenReplyIds: input.seenReplyIds });
    const now = new Date();
    const taken = target.message.kind === "comment" ? await privateReplyTaken(db, actor.workspaceId, target.message.externalId) : false;
    const availability = commentToDmAvailability(connectors, target, taken, now);
    if (availability.mode === "none" || availability.reason) throw new ApiError("bad_request", availability.reason ?? "Comment-to-DM is not possible here.");
    const sends: QueuedSend[] = [{ ...planPublicReply(connectors, target, input.publicText), macroId: await requireMacro(db, actor, input.publicMacroId), part: "public" }];
    if (availability.mode === "private_reply") {
      if (!input.privateText) throw new ApiError("bad_request", "Write the private reply that carries the case.");
      sends.push({ ...planPrivateReply(connectors, target, input.privateText, taken, now), macroId: await requireMacro(db, actor, input.privateMacroId), part: "private" });
    }
    const rows = await enqueueReplies(db, {
      actor,
      target,
      sends,
      idempotencyKey: input.idempotencyKey ?? newId("act"),
      action: "reply.comment_to_dm",
    });
    c.get("services").notifyOutbox?.();
    return c.json({ mode: availability.mode, items: rows.map(outboxItemView) }, 202);
  })
  .get("/:messageId/outbox", routeDoc({ summary: "The replies on a message's item (its conversation) and their delivery state", response: sendResponseSchema }), async (c) => {
    const actor = actorOf(c);
    const rows = await c
      .get("services")
      .db.select()
      .from(replyOutbox)
      // The item's replies, whichever of its messages each answered.
      .where(and(eq(replyOutbox.workspaceId, actor.workspaceId), inSameItem(replyOutbox.messageId, c.req.param("messageId"))))
      .orderBy(asc(replyOutbox.createdAt));
    return c.json({ items: rows.map(outboxItemView) });
  });
