import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { apiTokens, sessions, users } from "../db/schema/index.ts";
import type { Actor } from "./actor.ts";
import { hashSecretToken } from "./secret-token.ts";

const actorColumns = {
  userId: users.id,
  workspaceId: users.workspaceId,
  role: users.role,
  email: users.email,
  name: users.name,
};

/** The user behind a session cookie, if the session exists, has not expired and the user is enabled. */
export async function actorFromSession(db: Database, token: string, now = new Date()): Promise<Actor | null> {
  const [row] = await db
    .select(actorColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashSecretToken(token)), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
    .limit(1);
  return row ?? null;
}

/** The user an API token acts as, if the token is live (neither revoked nor expired) and the user enabled. */
export async function actorFromApiToken(db: Database, token: string, now = new Date()): Promise<Actor | null> {
  const [row] = await db
    .select({ ...actorColumns, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashSecretToken(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  if (!row) return null;
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  const { tokenId: _tokenId, ...actor } = row;
  return actor;
}
