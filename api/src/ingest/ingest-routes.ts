import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { readIngestStatus } from "./ingest-status.ts";
import { actorOf } from "../auth/actor.ts";

export const ingestRoutes = new Hono<AppEnv>().get("/status", async (c) => {
  return c.json(await readIngestStatus(c.get("services").db, actorOf(c).workspaceId), 200);
});
