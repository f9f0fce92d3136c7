import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../errors/api-error.ts";
import { actorFromApiToken, actorFromSession } from "./actor-lookup.ts";
import { readSessionCookie } from "./session-cookie.ts";

/** Paths under /api that answer without a signed-in user. */
const PUBLIC_PATHS = new Set(["/api/auth/login", "/api/openapi.json"]);
/**
 * The platform's redirect back after connecting an account: a browser whose session ended
 * meanwhile is sent back to Settings with words, not a JSON 401; the route checks the actor.
 */
const ACTOR_OPTIONAL = /^\/api\/accounts\/oauth\/[a-z_]+\/callback$/;

/**
 * Every /api route needs a session cookie or an `Authorization: Bearer` API token; the actor it
 * resolves to is put on the context for the route's role checks and workspace scoping.
 */
export const requireActor: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (PUBLIC_PATHS.has(c.req.path)) return next();
  const { db } = c.get("services");
  const authorization = c.req.header("authorization");
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const sessionToken = readSessionCookie(c);
  const actor = bearer ? await actorFromApiToken(db, bearer) : sessionToken ? await actorFromSession(db, sessionToken) : null;
  if (!actor) {
    if (ACTOR_OPTIONAL.test(c.req.path)) return next();
    throw new ApiError(
      "unauthorized",
      bearer || sessionToken ? "Your session has expired or the token is not valid; sign in again." : "Sign in first.",
    );
  }
  c.set("actor", actor);
  await next();
};
