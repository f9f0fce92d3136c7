import type { Context } from "hono";
import type { UserRole } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../errors/api-error.ts";

/** Who is making the request: a signed-in user, or an admin-issued API token acting as one. */
export interface Actor {
  userId: string;
  workspaceId: string;
  role: UserRole;
  email: string;
  name: string;
}

const RANK: Record<UserRole, number> = { viewer: 0, agent: 1, admin: 2 };

/** The request's actor; the auth middleware guarantees one on every `/api` route it guards. */
export function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.get("actor");
  if (!actor) throw new ApiError("unauthorized", "Sign in first.");
  return actor;
}

/**
 * Refuses the request unless the actor's role is at least `role`: viewers read, agents triage
 * and reply, admins manage users, accounts and settings. Checked on the server, always.
 */
export function requireRole(c: Context<AppEnv>, role: UserRole): Actor {
  const actor = actorOf(c);
  if (RANK[actor.role] < RANK[role]) {
    throw new ApiError("forbidden", `This needs the ${role} role; you are signed in as ${actor.role}.`);
  }
  return actor;
}
