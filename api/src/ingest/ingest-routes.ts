import { Hono } from "hono";
import { z } from "zod";
import { ingestStatusSchema, retriedEventSchema } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { readIngestStatus } from "./ingest-status.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import { routeDoc } from "../openapi/route-doc.ts";
import { validate } from "../middleware/validator.ts";
import { ApiError } from "../errors/api-error.ts";
import { retryFailedEvent } from "./retry-failed-event.ts";

const eventIdParamSchema = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const ingestRoutes = new Hono<AppEnv>()
  .get("/status", routeDoc({ summary: "Ingest lag, failures, events given up, and each account's polling state", response: ingestStatusSchema }), async (c) => {
    return c.json(await readIngestStatus(c.get("services").db, actorOf(c).workspaceId), 200);
  })
  .post(
    "/failed/:id/retry",
    routeDoc({ summary: "Queue an event ingestion gave up on again, from its first attempt (admins; audited)", response: retriedEventSchema }),
    validate("param", eventIdParamSchema),
    async (c) => {
      const admin = requireRole(c, "admin");
      const services = c.get("services");
      const { id } = c.req.valid("param");
      const retried = await retryFailedEvent(services.db, { id, workspaceId: admin.workspaceId, actorUserId: admin.userId });
      if (!retried) throw new ApiError("not_found", "No failed event with that id in this workspace.");
      services.notifyIngest?.();
      return c.json({ id, status: "pending" as const }, 200);
    },
  );
