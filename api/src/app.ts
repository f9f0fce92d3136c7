import { existsSync } from "node:fs";
import { join } from "node:path";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { serveStatic } from "@hono/node-server/serve-static";
import type { AppEnv } from "./app-env.ts";
import type { Services } from "./services.ts";
import { bodySizeLimit } from "./middleware/body-size-limit.ts";
import { crossSiteGuard } from "./middleware/cross-site-guard.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { handleError, handleNotFound } from "./middleware/error-handler.ts";
import { healthRoutes } from "./health/health-routes.ts";
import { messageRoutes } from "./messages/message-routes.ts";
import { classifyRoutes } from "./classify/classify-routes.ts";
import { modelRoutes } from "./model-training/model-routes.ts";
import { ingestRoutes } from "./ingest/ingest-routes.ts";
import { accountRoutes } from "./accounts/account-routes.ts";
import { spikeRoutes } from "./spikes/spike-routes.ts";
import { requireActor } from "./auth/auth-middleware.ts";
import { authRoutes } from "./auth/auth-routes.ts";
import { tokenRoutes } from "./auth/token-routes.ts";
import { userRoutes } from "./users/user-routes.ts";
import { auditRoutes } from "./audit/audit-routes.ts";
import { queueRoutes } from "./queues/queue-routes.ts";
import { triageRoutes } from "./triage/triage-routes.ts";
import { slaRoutes } from "./sla/sla-routes.ts";
import { liveRoutes } from "./live/live-routes.ts";
import { macroRoutes } from "./replies/macro-routes.ts";
import { replyRoutes } from "./replies/reply-routes.ts";
import { createWebhookHost } from "./ingest/webhook-host.ts";
import { openApiRoutes } from "./openapi/openapi-routes.ts";
import { contactRoutes } from "./contacts/contact-routes.ts";
import { postRoutes } from "./posts/post-routes.ts";
import { orderRoutes } from "./orders/order-routes.ts";
import { orderActionRoutes } from "./orders/actions/order-action-routes.ts";
import { moderationRoutes } from "./moderation/moderation-routes.ts";
import { noteRoutes } from "./notes/note-routes.ts";
import { tagRoutes } from "./tags/tag-routes.ts";
import { viewRoutes } from "./views/view-routes.ts";
import { emulatedAuthorizePage } from "./accounts/oauth/emulated-authorize-page.ts";

/** Webhook batches from Meta are a few kB; 1 MiB leaves room without inviting abuse. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface CreateAppOptions {
  /** The built console (web/dist) to serve at `/`; omitted in API-only tests. */
  webDistDir?: string;
}

/**
 * The API's routes, chained so their types reach the console's typed client; the OpenAPI
 * document at /api/openapi.json describes the same instance.
 */
export function apiRoutes() {
  const api = new Hono<AppEnv>()
    .use("/api/*", crossSiteGuard)
    .use("/api/*", requireActor)
    .route("/health", healthRoutes)
    .route("/api/messages", messageRoutes)
    .route("/api/classify", classifyRoutes)
    .route("/api/model", modelRoutes)
    .route("/api/ingest", ingestRoutes)
    .route("/api/accounts", accountRoutes)
    .route("/api/spikes", spikeRoutes)
    .route("/api/auth", authRoutes)
    .route("/api/users", userRoutes)
    .route("/api/tokens", tokenRoutes)
    .route("/api/audit", auditRoutes)
    .route("/api/queues", queueRoutes)
    .route("/api/triage", triageRoutes)
    .route("/api/sla", slaRoutes)
    .route("/api/live", liveRoutes)
    .route("/api/macros", macroRoutes)
    .route("/api/replies", replyRoutes)
    .route("/api/contacts", contactRoutes)
    .route("/api/posts", postRoutes)
    .route("/api/orders", orderRoutes)
    .route("/api/order-actions", orderActionRoutes)
    .route("/api/moderation", moderationRoutes)
    .route("/api/notes", noteRoutes)
    .route("/api/tags", tagRoutes)
    .route("/api/views", viewRoutes);
  return api.route("/api/openapi.json", openApiRoutes(api));
}

export type AppType = ReturnType<typeof apiRoutes>;

export function createApp(services: Services, options: CreateAppOptions = {}) {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(securityHeaders);
  app.use(async (c, next) => {
    c.set("services", services);
    await next();
  });
  app.use(bodySizeLimit(MAX_BODY_BYTES));
  // Each connector's signed endpoints, verified on the raw bytes before anything is stored.
  const webhookHost = createWebhookHost(services);
  for (const connector of services.connectors.all) {
    for (const endpoint of connector.webhooks) app.route(`/webhooks/${endpoint.path}`, endpoint.routes(webhookHost));
  }
  app.route("/", apiRoutes());
  // Demo mode's emulated platforms draw their "connect your account" pages here.
  if (services.config.demo) app.route("/demo/oauth", emulatedAuthorizePage);

  const distDir = options.webDistDir;
  if (distDir && existsSync(join(distDir, "index.html"))) {
    app.use("/assets/*", serveStatic({ root: distDir }));
    app.use("*", serveStatic({ root: distDir }));
    // Client-side routes (/inbox/…) all load the single page; API paths still 404 as JSON.
    app.get("*", async (c, next) => {
      if (/^\/(api|webhooks|health|demo)(\/|$)/.test(c.req.path)) return next();
      return serveStatic({ root: distDir, path: "index.html" })(c, next);
    });
  }

  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
