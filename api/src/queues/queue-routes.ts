import { Hono } from "hono";
import { filterCountSchema, messageFilterSchema, queueCountsSchema, type FilterCount, type QueueCounts } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { validate } from "../middleware/validator.ts";
import { countMatching } from "./count-messages.ts";
import { queueCounts } from "./queue-counts.ts";
import { filterScopeOf } from "./filter-scope.ts";
import { routeDoc } from "../openapi/route-doc.ts";

export const queueRoutes = new Hono<AppEnv>()
  /** Every queue with its size and first-response warnings and breaches. */
  .get("/", routeDoc({ summary: "Every queue with its size and first-response warnings", response: queueCountsSchema }), async (c) => {
    const scope = filterScopeOf(c);
    const body: QueueCounts = { queues: await queueCounts(c.get("services").db, scope), asOf: scope.now.toISOString() };
    return c.json(body, 200);
  })
  /** How many messages a filter matches now; `asOf` is what a bulk change on it should pass back. */
  .get("/count", routeDoc({ summary: "How many messages a filter matches now", response: filterCountSchema }), validate("query", messageFilterSchema), async (c) => {
    const scope = filterScopeOf(c);
    const body: FilterCount = { count: await countMatching(c.get("services").db, scope, c.req.valid("query")), asOf: scope.now.toISOString() };
    return c.json(body, 200);
  });
