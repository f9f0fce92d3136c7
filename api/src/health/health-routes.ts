import { Hono } from "hono";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { dbDriverSchema } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { routeDoc } from "../openapi/route-doc.ts";

const healthSchema = z.object({ ok: z.literal(true), db: dbDriverSchema });

export const healthRoutes = new Hono<AppEnv>().get("/", routeDoc({ summary: "Liveness and the database in use", public: true, response: healthSchema }), async (c) => {
  const { db, dbDriver } = c.get("services");
  await db.execute(sql`select 1`);
  return c.json({ ok: true as const, db: dbDriver }, 200);
});
