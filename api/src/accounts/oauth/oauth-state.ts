import { randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or, isNotNull } from "drizzle-orm";
import type { AccountChannel } from "@surgedesk/shared";
import type { Database } from "../../db/client.ts";
import { oauthStates } from "../../db/schema/index.ts";
import { hashSecretToken } from "../../auth/secret-token.ts";

/** Long enough to sign in on the platform and agree; short enough that a leaked link soon dies. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

/**
 * Starts one connection attempt: a random `state` (256 bits) for the platform to hand back,
 * stored only as its hash, bound to this admin, their workspace and the platform, expiring in
 * ten minutes.
 */
export async function createOAuthState(
  db: Database,
  input: { workspaceId: string; userId: string; channel: AccountChannel; redirectUri: string; now: Date },
): Promise<string> {
  const state = randomBytes(32).toString("base64url");
  await db.insert(oauthStates).values({
    stateHash: hashSecretToken(state),
    workspaceId: input.workspaceId,
    userId: input.userId,
    channel: input.channel,
    redirectUri: input.redirectUri,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + OAUTH_STATE_TTL_MS),
  });
  return state;
}

export type StateCheck =
  | { ok: true; redirectUri: string }
  | { ok: false; outcome: "state_unknown" | "state_expired" | "state_used" | "state_other_user" };

/**
 * Checks the `state` a callback brings back and uses it up. It must be one we issued for this
 * platform, to this user in this workspace, unexpired and unused; the one conditional UPDATE
 * that marks it used is what makes it single-use, so two callbacks racing with one state get
 * one success. A state someone else brings back is left alone: it stays theirs to finish.
 */
export async function consumeOAuthState(
  db: Database,
  input: { state: string; channel: AccountChannel; workspaceId: string; userId: string; now: Date },
): Promise<StateCheck> {
  const stateHash = hashSecretToken(input.state);
  const [row] = await db.select().from(oauthStates).where(eq(oauthStates.stateHash, stateHash));
  if (!row || row.channel !== input.channel) return { ok: false, outcome: "state_unknown" };
  if (row.workspaceId !== input.workspaceId || row.userId !== input.userId) return { ok: false, outcome: "state_other_user" };
  if (row.usedAt) return { ok: false, outcome: "state_used" };
  if (row.expiresAt.getTime() <= input.now.getTime()) return { ok: false, outcome: "state_expired" };
  const [used] = await db
    .update(oauthStates)
    .set({ usedAt: input.now })
    .where(and(eq(oauthStates.stateHash, stateHash), isNull(oauthStates.usedAt)))
    .returning({ redirectUri: oauthStates.redirectUri });
  return used ? { ok: true, redirectUri: used.redirectUri } : { ok: false, outcome: "state_used" };
}

/** Housekeeping: states past their expiry, and used ones, are of no further use. */
export async function pruneOAuthStates(db: Database, now: Date, keepUsedMs = 60 * 60_000): Promise<number> {
  const gone = await db
    .delete(oauthStates)
    .where(or(lt(oauthStates.expiresAt, new Date(now.getTime() - keepUsedMs)), and(isNotNull(oauthStates.usedAt), lt(oauthStates.usedAt, new Date(now.getTime() - keepUsedMs)))))
    .returning({ stateHash: oauthStates.stateHash });
  return gone.length;
}
