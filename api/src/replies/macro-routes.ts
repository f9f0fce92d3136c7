import { Hono } from "hono";
import { z } from "zod";
import { macroInputSchema, macroPatchSchema, macroSchema } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { ApiError } from "../errors/api-error.ts";
import { validate } from "../middleware/validator.ts";
import { getMacro, insertMacro, listMacros, macroView, patchMacro, softDeleteMacro } from "./macro-store.ts";
import { routeDoc } from "../openapi/route-doc.ts";

const oneMacroSchema = z.object({ macro: macroSchema });

/** `/api/macros`: everyone reads the library; agents and admins write it, audited. */
export const macroRoutes = new Hono<AppEnv>()
  .get("/", routeDoc({ summary: "The workspace's macro library", response: z.object({ macros: z.array(macroSchema) }) }), async (c) => {
    const { workspaceId } = actorOf(c);
    const rows = await listMacros(c.get("services").db, workspaceId);
    return c.json({ macros: rows.map(macroView) });
  })
  .get("/:id", routeDoc({ summary: "One macro", response: oneMacroSchema }), async (c) => {
    const { workspaceId } = actorOf(c);
    const row = await getMacro(c.get("services").db, workspaceId, c.req.param("id"));
    if (!row) throw new ApiError("not_found", "No such macro.");
    return c.json({ macro: macroView(row) });
  })
  .post("/", routeDoc({ summary: "Add a macro (agents)", status: 201, response: oneMacroSchema }), validate("json", macroInputSchema), async (c) => {
    const actor = requireRole(c, "agent");
    const input = c.req.valid("json");
    const row = await c.get("services").db.transaction(async (tx) => {
      const created = await insertMacro(tx, actor.workspaceId, input);
      await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "macro.create", entityType: "macro", entityId: created.id, before: null, after: macroView(created) });
      return created;
    });
    return c.json({ macro: macroView(row) }, 201);
  })
  .patch("/:id", routeDoc({ summary: "Change a macro (agents)", response: oneMacroSchema }), validate("json", macroPatchSchema), async (c) => {
    const actor = requireRole(c, "agent");
    const id = c.req.param("id");
    const row = await c.get("services").db.transaction(async (tx) => {
      const before = await getMacro(tx, actor.workspaceId, id);
      if (!before) throw new ApiError("not_found", "No such macro.");
      const after = await patchMacro(tx, actor.workspaceId, id, c.req.valid("json"));
      await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "macro.update", entityType: "macro", entityId: id, before: macroView(before), after: after && macroView(after) });
      return after!;
    });
    return c.json({ macro: macroView(row) });
  })
  .delete("/:id", routeDoc({ summary: "Delete a macro (agents)" }), async (c) => {
    const actor = requireRole(c, "agent");
    const id = c.req.param("id");
    await c.get("services").db.transaction(async (tx) => {
      const before = await softDeleteMacro(tx, actor.workspaceId, id);
      if (!before) throw new ApiError("not_found", "No such macro.");
      await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "macro.delete", entityType: "macro", entityId: id, before: macroView(before), after: null });
    });
    return c.json({ ok: true });
  });
