import { Hono } from "hono";
import { z } from "zod";
import {
  alertWebhookRequestSchema,
  alertWebhookViewSchema,
  campaignPostsPatchSchema,
  campaignRequestSchema,
  campaignSchema,
  spikeAlertListSchema,
  spikeForecastSchema,
  spikeOverviewSchema,
  spikeSeriesDataSchema,
  spikeAlertListQuerySchema,
  spikeOverviewQuerySchema,
  spikeSeriesQuerySchema,
  type SpikeBucketSeconds,
} from "@surgedesk/shared";
import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { actorOf, requireRole } from "../auth/actor.ts";
import type { UserRole } from "@surgedesk/shared";
import { ApiError } from "../errors/api-error.ts";
import { validate } from "../middleware/validator.ts";
import { workspaceClock } from "./detector/detector-clock.ts";
import { readOverview } from "./queries/read-overview.ts";
import { readSeries } from "./queries/read-series.ts";
import { readForecast } from "./queries/read-forecast.ts";
import { readAlerts } from "./queries/read-alerts.ts";
import { bucketFor } from "./queries/window.ts";
import { changeCampaignPosts, createCampaign, deleteCampaign, listCampaigns } from "./campaigns/campaign-store.ts";
import { deleteWebhookSettings, readWebhookSettings, saveWebhookSettings, toWebhookView, webhookSecret } from "./alert-webhook/alert-webhook-settings.ts";
import { sendTestAlert } from "./alert-webhook/send-test-alert.ts";
import { routeDoc } from "../openapi/route-doc.ts";

/**
 * The actor's workspace and the detector's clock for it (windows end at event time, like the
 * alerts). Reading needs any signed-in user; changing campaigns or the webhook, an admin.
 */
async function context(c: Context<AppEnv>, role?: UserRole) {
  const services = c.get("services");
  const { workspaceId } = role ? requireRole(c, role) : actorOf(c);
  return { services, workspaceId, now: await workspaceClock(services.db, workspaceId, new Date()) };
}

/** Spike monitoring: load per post, campaign and platform, alerts, forecast, and their settings. */
export const spikeRoutes = new Hono<AppEnv>()
  .get("/overview", routeDoc({ summary: "Load per post, campaign and platform over a window, and open alerts", response: spikeOverviewSchema }), validate("query", spikeOverviewQuerySchema), async (c) => {
    const { services, workspaceId, now } = await context(c);
    return c.json(await readOverview(services.db, workspaceId, { now, ...c.req.valid("query") }), 200);
  })
  .get("/series", routeDoc({ summary: "Time series of chosen posts, campaigns or platforms", response: spikeSeriesDataSchema }), validate("query", spikeSeriesQuerySchema), async (c) => {
    const { services, workspaceId, now } = await context(c);
    const query = c.req.valid("query");
    const bucketSeconds = (query.bucket ?? bucketFor(query.minutes)) as SpikeBucketSeconds;
    if ((query.minutes * 60) / bucketSeconds > 2000) throw new ApiError("validation_failed", "Invalid query: bucket: too many points; use a larger bucket.");
    return c.json(await readSeries(services.db, workspaceId, { kind: query.kind, ids: query.ids, minutes: query.minutes, bucketSeconds, now }), 200);
  })
  .get("/alerts", routeDoc({ summary: "Spike alerts, newest first, each with its series' load now", response: spikeAlertListSchema }), validate("query", spikeAlertListQuerySchema), async (c) => {
    const { services, workspaceId, now } = await context(c);
    return c.json(await readAlerts(services.db, workspaceId, { ...c.req.valid("query"), now }), 200);
  })
  .get("/forecast", routeDoc({ summary: "When the backlog clears at recent arrival and handle rates", response: spikeForecastSchema }), async (c) => {
    const { services, workspaceId, now } = await context(c);
    return c.json(await readForecast(services.db, workspaceId, now), 200);
  })
  .get("/campaigns", routeDoc({ summary: "Campaigns and their posts", response: z.object({ items: z.array(campaignSchema) }) }), async (c) => {
    const { services, workspaceId } = await context(c);
    return c.json({ items: await listCampaigns(services.db, workspaceId) }, 200);
  })
  .post("/campaigns", routeDoc({ summary: "Create a campaign (admins)", status: 201, response: campaignSchema }), validate("json", campaignRequestSchema), async (c) => {
    const { services, workspaceId } = await context(c, "admin");
    return c.json(await createCampaign(services.db, workspaceId, c.req.valid("json")), 201);
  })
  .patch("/campaigns/:id/posts", routeDoc({ summary: "Add posts to a campaign or remove them (admins)", response: campaignSchema }), validate("json", campaignPostsPatchSchema), async (c) => {
    const { services, workspaceId } = await context(c, "admin");
    return c.json(await changeCampaignPosts(services.db, workspaceId, c.req.param("id"), c.req.valid("json")), 200);
  })
  .delete("/campaigns/:id", routeDoc({ summary: "Delete a campaign; its past alerts stay (admins)" }), async (c) => {
    const { services, workspaceId } = await context(c, "admin");
    if (!(await deleteCampaign(services.db, workspaceId, c.req.param("id")))) throw new ApiError("not_found", "No campaign with that id.");
    return c.json({ deleted: true as const }, 200);
  })
  .get("/webhook", routeDoc({ summary: "The alert webhook's settings (admins)", response: alertWebhookViewSchema }), async (c) => {
    const { services, workspaceId } = await context(c, "admin");
    const settings = await readWebhookSettings(services.db, workspaceId);
    if (!settings) throw new ApiError("not_found", "No alert webhook is configured.");
    return c.json(toWebhookView(settings), 200);
  })
  .put("/webhook", routeDoc({ summary: "Set the alert webhook (admins)", response: alertWebhookViewSchema }), validate("json", alertWebhookRequestSchema), async (c) => {
    const { services, workspaceId } = await context(c, "admin");
    const row = await saveWebhookSettings(services.db, services.config.encryptionKey, workspaceId, c.req.valid("json"));
    return c.json(toWebhookView(row), 200);
  })
  .delete("/webhook", routeDoc({ summary: "Remove the alert webhook (admins)" }), async (c) => {
    const { services, workspaceId } = await context(c, "admin");
    if (!(await deleteWebhookSettings(services.db, workspaceId))) throw new ApiError("not_found", "No alert webhook is configured.");
    return c.json({ deleted: true as const }, 200);
  })
  .post("/webhook/test", routeDoc({ summary: "Send a signed sample alert to the webhook (admins)" }), async (c) => {
    const { services, workspaceId } = await context(c, "admin");
    const settings = await readWebhookSettings(services.db, workspaceId);
    if (!settings) throw new ApiError("not_found", "No alert webhook is configured.");
    return c.json(await sendTestAlert(settings.url, webhookSecret(settings, services.config.encryptionKey), services.outboundFetch), 200);
  });
