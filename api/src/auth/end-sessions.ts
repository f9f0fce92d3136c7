import { and, eq, ne } from "drizzle-orm";
import type { Executor } from "../db/types.ts";
import { sessions } from "../db/schema/index.ts";
import { hashSecretToken } from "./secret-token.ts";

/**
 * Signs a user out everywhere: after a password or role change, or when the user is disabled,
 * a session opened before must not carry on. `keepToken` spares the session making the change
 * (an admin changing their own password stays signed in where they did it).
 */
export async function endSessions(db: Executor, userId: string, keepToken?: string): Promise<void> {
  const keep = keepToken ? ne(sessions.tokenHash, hashSecretToken(keepToken)) : undefined;
  await db.delete(sessions).where(and(eq(sessions.userId, userId), keep));
}
