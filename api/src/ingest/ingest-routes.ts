import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { readIngestStatus } from "./ingest-status.ts";
import { actorOf } from "../auth/actor.ts";
import { routeDoc } from "../openapi/route-doc.ts";

export const ingestRoutes = new Hono<AppEnv>().get("/status", routeDoc({ summary: "Ingest lag, failures, and each account's polling state" }), async (c) => {
  return c.json(await readIngestStatus(c.get("services").db, actorOf(c).workspaceId), 200);
});
