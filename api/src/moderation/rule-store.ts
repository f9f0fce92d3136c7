import { and, asc, eq, inArray, isNull, max, sql } from "drizzle-orm";
import type { ModerationRule, RuleAction, RuleCreate, RulePatch } from "@surgedesk/shared";
import type { Actor } from "../auth/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Database } from "../db/client.ts";
import { moderationRules, tags, users } from "../db/schema/index.ts";
import type { Executor } from "../db/types.ts";
import { ApiError } from "../errors/api-error.ts";
import { newId } from "../lib/ids.ts";

type RuleRow = typeof moderationRules.$inferSelect;

export const ruleOf = (row: RuleRow): ModerationRule => ({
  id: row.id,
  position: row.position,
  name: row.name,
  enabled: row.enabled,
  mode: row.mode,
  conditions: row.conditions,
  actions: row.actions,
  stopProcessing: row.stopProcessing,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const notFound = () => new ApiError("not_found", "No rule with that id in this workspace.");

export async function listRules(db: Executor, workspaceId: string): Promise<ModerationRule[]> {
  const rows = await db.select().from(moderationRules).where(eq(moderationRules.workspaceId, workspaceId)).orderBy(asc(moderationRules.position), asc(moderationRules.createdAt));
  return rows.map(ruleOf);
}

/** A rule may assign only to someone of this workspace who can take messages, and tag only with its tags. */
async function checkActions(db: Executor, workspaceId: string, actions: readonly RuleAction[]) {
  const tagIds = actions.flatMap((a) => (a.type === "tag" ? [a.tagId] : []));
  if (tagIds.length > 0) {
    const found = await db.select({ id: tags.id }).from(tags).where(and(inArray(tags.id, tagIds), eq(tags.workspaceId, workspaceId)));
    if (found.length < new Set(tagIds).size) throw new ApiError("validation_failed", "actions: tag names no tag of this workspace.");
  }
  // A round robin's team, like an assignee, is made of people who can take messages.
  const ids = actions.flatMap((a) => (a.type === "assign" ? [a.userId] : a.type === "assign_round_robin" ? a.userIds : []));
  if (ids.length === 0) return;
  const found = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.workspaceId, workspaceId), isNull(users.disabledAt), inArray(users.role, ["agent", "admin"])));
  const known = new Set(found.map((u) => u.id));
  for (const action of actions) {
    if (action.type === "assign" && !known.has(action.userId)) throw new ApiError("validation_failed", "actions: assign names no agent of this workspace.");
    if (action.type === "assign_round_robin" && action.userIds.some((id) => !known.has(id))) {
      throw new ApiError("validation_failed", "actions: the round robin's team names someone who is not an active agent or admin of this workspace.");
    }
  }
}

export async function createRule(db: Database, actor: Actor, input: RuleCreate): Promise<ModerationRule> {
  await checkActions(db, actor.workspaceId, input.actions);
  return db.transaction(async (tx) => {
    const [last] = await tx.select({ position: max(moderationRules.position) }).from(moderationRules).where(eq(moderationRules.workspaceId, actor.workspaceId));
    const [row] = await tx
      .insert(moderationRules)
      .values({ id: newId("rule"), workspaceId: actor.workspaceId, position: (last?.position ?? -1) + 1, ...input })
      .returning();
    const rule = ruleOf(row!);
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "rule.create", entityType: "moderation_rule", entityId: rule.id, before: null, after: rule });
    return rule;
  });
}

export async function updateRule(db: Database, actor: Actor, id: string, patch: RulePatch): Promise<ModerationRule> {
  if (patch.actions) await checkActions(db, actor.workspaceId, patch.actions);
  return db.transaction(async (tx) => {
    const [was] = await tx.select().from(moderationRules).where(and(eq(moderationRules.id, id), eq(moderationRules.workspaceId, actor.workspaceId))).for("update");
    if (!was) throw notFound();
    const [row] = await tx.update(moderationRules).set({ ...patch, updatedAt: new Date() }).where(eq(moderationRules.id, id)).returning();
    const rule = ruleOf(row!);
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "rule.update", entityType: "moderation_rule", entityId: id, before: ruleOf(was), after: rule });
    return rule;
  });
}

export async function deleteRule(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [was] = await tx.delete(moderationRules).where(and(eq(moderationRules.id, id), eq(moderationRules.workspaceId, actor.workspaceId))).returning();
    if (!was) throw notFound();
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "rule.delete", entityType: "moderation_rule", entityId: id, before: ruleOf(was), after: null });
  });
}

/** The new order must name every rule of the workspace once: a stale list would lose rules' places. */
export async function reorderRules(db: Database, actor: Actor, ids: readonly string[]): Promise<ModerationRule[]> {
  return db.transaction(async (tx) => {
    const rows = await tx.select({ id: moderationRules.id }).from(moderationRules).where(eq(moderationRules.workspaceId, actor.workspaceId)).for("update");
    const current = new Set(rows.map((r) => r.id));
    if (new Set(ids).size !== ids.length || ids.length !== current.size || ids.some((id) => !current.has(id))) {
      throw new ApiError("conflict", "The order must list every rule of the workspace once; reload the rules and try again.");
    }
    await tx.execute(
      sql`update ${moderationRules} as r set position = v.position, updated_at = now()
          from (select unnest(${sql.param([...ids])}::text[]) as id, generate_subscripts(${sql.param([...ids])}::text[], 1) - 1 as position) as v
          where r.id = v.id`,
    );
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "rule.reorder", entityType: "workspace", entityId: actor.workspaceId, before: null, after: { ids } });
    return listRules(tx, actor.workspaceId);
  });
}
