import { Hono } from "hono";
import { sql } from "drizzle-orm";
import type { AppEnv } from "../app-env.ts";

export const healthRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const { db, dbDriver } = c.get("services");
  await db.execute(sql`select 1`);
  return c.json({ ok: true as const, db: dbDriver }, 200);
});
