import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { actorOf } from "../auth/actor.ts";
import type { FilterScope } from "./message-filter-sql.ts";

/** The request's actor and the time: what a filter is read against. */
export function filterScopeOf(c: Context<AppEnv>, now = new Date()): FilterScope {
  const actor = actorOf(c);
  return { workspaceId: actor.workspaceId, userId: actor.userId, now };
}
