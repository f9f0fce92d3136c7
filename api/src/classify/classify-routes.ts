import { Hono } from "hono";
import { actorOf } from "../auth/actor.ts";
import { z } from "zod";
import { classificationContextSchema, classificationSchema } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { validate } from "../middleware/validator.ts";
import { routeDoc } from "../openapi/route-doc.ts";

export const CLASSIFY_BATCH_MAX = 1000;

const classifyRequestSchema = z.object({
  texts: z
    .array(
      z.union([
        z.string().max(100_000),
        z.object({ text: z.string().max(100_000), context: classificationContextSchema.optional() }),
      ]),
    )
    .min(1)
    .max(CLASSIFY_BATCH_MAX),
});

const classifyResponseSchema = z.object({ modelVersion: z.string(), results: z.array(classificationSchema) });

const classifyDoc = routeDoc({ summary: "Classify a batch of texts with this workspace's model", response: classifyResponseSchema });

/** Scores a batch of texts with the model that reads this workspace's messages. */
export const classifyRoutes = new Hono<AppEnv>().post("/", classifyDoc, validate("json", classifyRequestSchema), (c) => {
  const classifier = c.get("services").classifiers.forWorkspace(actorOf(c).workspaceId);
  const results = c.req.valid("json").texts.map((item) =>
    typeof item === "string" ? classifier.classify(item) : classifier.classify(item.text, item.context),
  );
  return c.json({ modelVersion: classifier.modelVersion, results }, 200);
});
