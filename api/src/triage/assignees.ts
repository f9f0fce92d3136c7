import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import type { Executor } from "../db/types.ts";
import { users } from "../db/schema/index.ts";
import { ApiError } from "../errors/api-error.ts";

/** Who can be given a message: enabled agents and admins (viewers cannot act on it). */
const ASSIGNABLE_ROLES = ["agent", "admin"] as const;

export async function listAssignees(db: Executor, workspaceId: string) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), isNull(users.disabledAt), inArray(users.role, [...ASSIGNABLE_ROLES])))
    .orderBy(asc(users.name));
}

/** "me" is the actor; any other id must be an assignable user of the actor's workspace. */
export async function resolveAssignee(db: Executor, actor: Pick<Actor, "userId" | "workspaceId">, requested: string | null): Promise<string | null> {
  if (requested === null) return null;
  if (requested === "me") return actor.userId;
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, requested),
        eq(users.workspaceId, actor.workspaceId),
        isNull(users.disabledAt),
        inArray(users.role, [...ASSIGNABLE_ROLES]),
      ),
    );
  if (!user) throw new ApiError("validation_failed", "assigneeId: no agent with that id in this workspace.");
  return user.id;
}
