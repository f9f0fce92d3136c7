import { Hono } from "hono";
import { macroInputSchema, macroPatchSchema } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { ApiError } from "../errors/api-error.ts";
import { validate } from "../middleware/validator.ts";
import { getMacro, insertMacro, listMacros, macroView, patchMacro, softDeleteMacro } from "./macro-store.ts";

/** `/api/macros`: everyone reads the library; agents and admins write it, audited. */
export const macroRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { workspaceId } = actorOf(c);
    const rows = await listMacros(c.get("services").db, workspaceId);
    return c.json({ macros: rows.map(macroView) });
  })
  .get("/:id", async (c) => {
    const { workspaceId } = actorOf(c);
    const row = await getMacro(c.get("services").db, workspaceId, c.req.param("id"));
    if (!row) throw new ApiError("not_found", "No such macro.");
    return c.json({ macro: macroView(row) });
  })
  .post("/", validate("json", macroInputSchema), async (c) => {
    const actor = requireRole(c, "agent");
    const input = c.req.valid("json");
    const row = await c.get("services").db.transaction(async (tx) => {
      const created = await insertMacro(tx, actor.workspaceId, input);
      await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "macro.create", entityType: "macro", entityId: created.id, before: null, after: macroView(created) });
      return created;
    });
    return c.json({ macro: macroView(row) }, 201);
  })
  .patch("/:id", validate("json", macroPatchSchema), async (c) => {
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
  .delete("/:id", async (c) => {
    const actor = requireRole(c, "agent");
    const id = c.req.param("id");
    await c.get("services").db.transaction(async (tx) => {
      const before = await softDeleteMacro(tx, actor.workspaceId, id);
      if (!before) throw new ApiError("not_found", "No such macro.");
      await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "macro.delete", entityType: "macro", entityId: id, before: macroView(before), after: null });
    });
    return c.json({ ok: true });
  });
