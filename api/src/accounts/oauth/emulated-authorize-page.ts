import { Hono } from "hono";
import { accountChannelSchema } from "@surgedesk/shared";
import type { AppEnv } from "../../app-env.ts";
import { ApiError } from "../../errors/api-error.ts";

/**
 * Demo mode only: the platforms' authorize pages, as the in-process emulators draw them (see
 * devkit/src/emulators/<platform>/oauth-handlers.ts), passed through this server so a browser
 * can reach them. The target is the connector's own authorize endpoint with the query the
 * console was given; nothing the browser sends chooses where the request goes.
 */
export const emulatedAuthorizePage = new Hono<AppEnv>().get("/:channel/authorize", async (c) => {
  const channel = accountChannelSchema.safeParse(c.req.param("channel"));
  const oauth = channel.success ? c.get("services").connectors.forChannel(channel.data).oauth : undefined;
  if (!oauth) throw new ApiError("not_found", "No emulated authorize page for this platform.");
  // The global fetch: the emulators listen there (demo mode only ever mounts this route).
  const page = await fetch(`${oauth.authorizeEndpoint}${new URL(c.req.url).search}`, { redirect: "manual" });
  const headers = new Headers({ "content-type": page.headers.get("content-type") ?? "text/html; charset=utf-8", "cache-control": "no-store" });
  const location = page.headers.get("location");
  if (location) headers.set("location", location);
  return new Response(await page.arrayBuffer(), { status: page.status, headers });
});
