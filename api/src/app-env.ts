import type { Services } from "./services.ts";
import type { Actor } from "./auth/actor.ts";

/** Typed Hono context: what middleware puts on `c` for the routes to use. */
export interface AppEnv {
  Variables: {
    services: Services;
    requestId: string;
    /** Set by the auth middleware on `/api` routes; absent on webhooks and /health. */
    actor: Actor | undefined;
  };
}
