import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { actorOf } from "../auth/actor.ts";
import { loadSlaPolicy } from "../sla/sla-policy.ts";
import type { FilterScope } from "./message-filter-sql.ts";

/** The request's actor, its workspace's SLA targets and the time: what a filter is read against. */
export async function filterScopeOf(c: Context<AppEnv>, now = new Date()): Promise<FilterScope> {
  const actor = actorOf(c);
  return { workspaceId: actor.workspaceId, userId: actor.userId, now, sla: await loadSlaPolicy(c.get("services").db, actor.workspaceId) };
}
