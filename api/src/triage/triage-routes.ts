import { Hono } from "hono";
import { bulkRequestSchema, bulkResultSchema, bulkUndoResultSchema, type BulkResult, type BulkUndoResult } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import { validate } from "../middleware/validator.ts";
import { listAssignees } from "./assignees.ts";
import { runBulkChange } from "./run-bulk-change.ts";
import { undoBulkChange } from "./undo-bulk-change.ts";
import { routeDoc } from "../openapi/route-doc.ts";

export const triageRoutes = new Hono<AppEnv>()
  /** Teammates a message can be assigned to; every signed-in user may see who they are. */
  .get("/assignees", routeDoc({ summary: "Teammates a message can be assigned to" }), async (c) => {
    const items = await listAssignees(c.get("services").db, actorOf(c).workspaceId);
    return c.json({ items }, 200);
  })
  /** One change (assign, close, reopen, label, snooze, mark spam, hide) on a selection or a whole filter. */
  .post("/bulk", routeDoc({ summary: "One change on a selection or a whole filter (agents)", response: bulkResultSchema }), validate("json", bulkRequestSchema), async (c) => {
    const actor = requireRole(c, "agent");
    const result: BulkResult = await runBulkChange(c.get("services"), actor, c.req.valid("json"));
    return c.json(result, 200);
  })
  .post("/bulk/:id/undo", routeDoc({ summary: "Undo a bulk change (agents)", response: bulkUndoResultSchema }), async (c) => {
    const actor = requireRole(c, "agent");
    const result: BulkUndoResult = await undoBulkChange(c.get("services"), actor, c.req.param("id"));
    return c.json(result, 200);
  });
