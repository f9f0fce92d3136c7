import { Hono } from "hono";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { loginRequestSchema, userSchema, type User } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { sessions, users } from "../db/schema/index.ts";
import { clientAddress } from "./client-address.ts";
import { ApiError } from "../errors/api-error.ts";
import { validate } from "../middleware/validator.ts";
import { actorOf, type Actor } from "./actor.ts";
import { UNKNOWN_USER_HASH, verifyPassword } from "./password.ts";
import { hashSecretToken, newSecretToken } from "./secret-token.ts";
import { clearSessionCookie, readSessionCookie, setSessionCookie } from "./session-cookie.ts";
import { routeDoc } from "../openapi/route-doc.ts";

const toUser = (actor: Actor): User => ({
  id: actor.userId,
  email: actor.email,
  name: actor.name,
  role: actor.role,
  workspaceId: actor.workspaceId,
});

const loginDoc = routeDoc({
  summary: "Sign in: sets the session cookie",
  description: "After 5 failed attempts per email and client, or 20 per email, in 15 minutes: 429 with `Retry-After`.",
  public: true,
  response: z.object({ user: userSchema, expiresAt: z.string().datetime() }),
});

/** A bound on the password checks one sign-in makes (each costs a scrypt). */
const MAX_WORKSPACES_PER_EMAIL = 5;

export const authRoutes = new Hono<AppEnv>()
  .post("/login", loginDoc, validate("json", loginRequestSchema), async (c) => {
    const { db, config, loginRateLimiter } = c.get("services");
    const { email, password } = c.req.valid("json");
    const limitKey = `${email}|${clientAddress(c, config.trustProxyHops)}`;
    // Counted before the password is checked, per email and client first, then per email.
    const waitMs = (await loginRateLimiter.perClient.attempt(limitKey)) || (await loginRateLimiter.perEmail.attempt(email));
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new ApiError("rate_limited", `Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} min.`, {
        retryAfterSeconds: seconds,
      });
    }
    // One address may belong to users in several workspaces (each with its own password): the
    // password says which. Verify against a dummy hash when there is no such user, so timing
    // does not tell.
    const candidates = await db.select().from(users).where(eq(users.email, email)).orderBy(asc(users.createdAt)).limit(MAX_WORKSPACES_PER_EMAIL);
    let user: (typeof candidates)[number] | undefined;
    for (const candidate of candidates.length > 0 ? candidates : [undefined]) {
      const ok = await verifyPassword(password, candidate?.passwordHash ?? UNKNOWN_USER_HASH);
      if (ok && candidate?.passwordHash && !candidate.disabledAt && !user) user = candidate;
    }
    if (!user) throw new ApiError("unauthorized", "Email or password is not right.");
    await loginRateLimiter.perClient.reset(limitKey);
    await loginRateLimiter.perEmail.reset(email);
    const token = newSecretToken("sds");
    const expiresAt = new Date(Date.now() + config.sessionTtlMs);
    await db.insert(sessions).values({ tokenHash: hashSecretToken(token), userId: user.id, expiresAt });
    setSessionCookie(c, token, expiresAt);
    return c.json(
      { user: toUser({ userId: user.id, email: user.email, name: user.name, role: user.role, workspaceId: user.workspaceId }), expiresAt: expiresAt.toISOString() },
      200,
    );
  })
  .post("/logout", routeDoc({ summary: "Sign out: ends this session" }), async (c) => {
    const { db } = c.get("services");
    const actor = actorOf(c);
    const token = readSessionCookie(c);
    if (token) {
      await db.delete(sessions).where(and(eq(sessions.tokenHash, hashSecretToken(token)), eq(sessions.userId, actor.userId)));
    }
    clearSessionCookie(c);
    return c.json({ signedOut: true as const }, 200);
  })
  .get("/me", routeDoc({ summary: "Who is signed in", response: z.object({ user: userSchema }) }), (c) => c.json({ user: toUser(actorOf(c)) }, 200));
