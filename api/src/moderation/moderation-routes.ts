import { Hono } from "hono";
import {
  moderationOutcomeListSchema,
  moderationRuleSchema,
  outcomeUndoResultSchema,
  ruleCreateSchema,
  ruleListSchema,
  rulePatchSchema,
  ruleReorderSchema,
  ruleTestRequestSchema,
  ruleTestResultSchema,
} from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import { validate } from "../middleware/validator.ts";
import { routeDoc } from "../openapi/route-doc.ts";
import { listOutcomes, undoOutcome } from "./outcomes.ts";
import { createRule, deleteRule, listRules, reorderRules, updateRule } from "./rule-store.ts";
import { testRule } from "./test-rule.ts";

/** Every signed-in user reads the rules (agents see why a message was hidden); admins change them. */
export const moderationRoutes = new Hono<AppEnv>()
  .get("/rules", routeDoc({ summary: "The workspace's moderation rules, in order", response: ruleListSchema }), async (c) => {
    const items = await listRules(c.get("services").db, actorOf(c).workspaceId);
    return c.json({ items }, 200);
  })
  .post("/rules", routeDoc({ summary: "Add a rule at the end of the order (admins)", response: moderationRuleSchema, status: 201 }), validate("json", ruleCreateSchema), async (c) => {
    const admin = requireRole(c, "admin");
    const services = c.get("services");
    const rule = await createRule(services.db, admin, c.req.valid("json"));
    services.moderationRules.invalidate(admin.workspaceId);
    return c.json(rule, 201);
  })
  .post("/rules/reorder", routeDoc({ summary: "Put the rules in a new order (admins)", response: ruleListSchema }), validate("json", ruleReorderSchema), async (c) => {
    const admin = requireRole(c, "admin");
    const services = c.get("services");
    const items = await reorderRules(services.db, admin, c.req.valid("json").ids);
    services.moderationRules.invalidate(admin.workspaceId);
    return c.json({ items }, 200);
  })
  .post(
    "/rules/test",
    routeDoc({ summary: "How many of the latest inbound messages a rule's conditions would match (admins)", response: ruleTestResultSchema }),
    validate("json", ruleTestRequestSchema),
    async (c) => {
      const admin = requireRole(c, "admin");
      return c.json(await testRule(c.get("services").db, admin.workspaceId, c.req.valid("json")), 200);
    },
  )
  .patch("/rules/:id", routeDoc({ summary: "Change a rule (admins)", response: moderationRuleSchema }), validate("json", rulePatchSchema), async (c) => {
    const admin = requireRole(c, "admin");
    const services = c.get("services");
    const rule = await updateRule(services.db, admin, c.req.param("id"), c.req.valid("json"));
    services.moderationRules.invalidate(admin.workspaceId);
    return c.json(rule, 200);
  })
  .delete("/rules/:id", routeDoc({ summary: "Delete a rule (admins)" }), async (c) => {
    const admin = requireRole(c, "admin");
    const services = c.get("services");
    await deleteRule(services.db, admin, c.req.param("id"));
    services.moderationRules.invalidate(admin.workspaceId);
    return c.json({ ok: true }, 200);
  })
  .get("/messages/:id/outcomes", routeDoc({ summary: "What rules did, or in dry run would have done, to a message", response: moderationOutcomeListSchema }), async (c) => {
    const items = await listOutcomes(c.get("services").db, actorOf(c).workspaceId, c.req.param("id"));
    return c.json({ items }, 200);
  })
  .post("/outcomes/:id/undo", routeDoc({ summary: "Undo what a live rule did to a message (agents)", response: outcomeUndoResultSchema }), async (c) => {
    const agent = requireRole(c, "agent");
    return c.json(await undoOutcome(c.get("services"), agent, c.req.param("id")), 200);
  });
