import { Hono } from "hono";
import { SAVED_VIEW_COUNT_CAP, savedViewCountsSchema, savedViewCreateSchema, savedViewListSchema, savedViewPatchSchema, savedViewSchema } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { actorOf } from "../auth/actor.ts";
import { validate } from "../middleware/validator.ts";
import { routeDoc } from "../openapi/route-doc.ts";
import { filterScopeOf } from "../queues/filter-scope.ts";
import { countViews } from "./view-counts.ts";
import { createView, deleteView, listViews, updateView } from "./view-store.ts";

/**
 * Saved views: anyone signed in keeps personal ones (a viewer too: a view only reads); shared
 * views are created, changed and deleted by admins.
 */
export const viewRoutes = new Hono<AppEnv>()
  .get("/", routeDoc({ summary: "The workspace's shared views and your own", response: savedViewListSchema }), async (c) => {
    return c.json({ items: await listViews(c.get("services").db, actorOf(c)) }, 200);
  })
  .get("/counts", routeDoc({ summary: "How many items each of your views holds now, up to a cap (then `capped`)", response: savedViewCountsSchema }), async (c) => {
    const actor = actorOf(c);
    const db = c.get("services").db;
    const scope = await filterScopeOf(c);
    const counts = await countViews(db, scope, await listViews(db, actor));
    return c.json({ counts, cap: SAVED_VIEW_COUNT_CAP, asOf: scope.now.toISOString() }, 200);
  })
  .post("/", routeDoc({ summary: "Save the current filters as a personal view, or a shared one (admins)", response: savedViewSchema, status: 201 }), validate("json", savedViewCreateSchema), async (c) => {
    return c.json(await createView(c.get("services").db, actorOf(c), c.req.valid("json")), 201);
  })
  .patch("/:id", routeDoc({ summary: "Rename a view or change its filters (yours; shared: admins)", response: savedViewSchema }), validate("json", savedViewPatchSchema), async (c) => {
    return c.json(await updateView(c.get("services").db, actorOf(c), c.req.param("id"), c.req.valid("json")), 200);
  })
  .delete("/:id", routeDoc({ summary: "Delete a view (yours; shared: admins)" }), async (c) => {
    await deleteView(c.get("services").db, actorOf(c), c.req.param("id"));
    return c.json({ ok: true }, 200);
  });
