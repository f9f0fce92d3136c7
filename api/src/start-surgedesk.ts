import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import type { createApp, CreateAppOptions } from "./app.ts";
import type { Config } from "./config.ts";
import { openDatabase, type DatabaseHandle } from "./db/client.ts";
import type { IngestWorker } from "./ingest/worker.ts";
import { createRuntime } from "./runtime.ts";
import { createLogger, type Logger } from "./lib/logger.ts";
import type { Services } from "./services.ts";
import { ensureWorkspace } from "./workspaces/ensure-workspace.ts";
import { bootstrapUsers } from "./auth/bootstrap-users.ts";
import { refuseRealDatabase, startDemoMode, type RunningDemo } from "./demo-mode.ts";
import { loadClassifier } from "./nlp/classifier.ts";
import { readIngestStatus } from "./ingest/ingest-status.ts";
import type { SyncScheduler } from "./sync/sync-scheduler.ts";
import type { LiveRuntime } from "./live/live-runtime.ts";

export interface RunningSurgedesk {
  url: string;
  services: Services;
  database: DatabaseHandle;
  ingest: IngestWorker;
  sync: SyncScheduler;
  app: ReturnType<typeof createApp>;
  live: LiveRuntime;
  /** Demo mode's emulated platforms and data; null outside demo mode. */
  demo: RunningDemo | null;
  /** Stops gracefully; answers how many accepted deliveries are left for the next start to ingest. */
  stop(): Promise<{ pendingDeliveries: number }>;
}

/**
 * config → database → migrations → workspace → ingest worker → HTTP → demo data. Used by the
 * server entry point and by tests that need the whole product, so both start it the same way.
 */
export async function startSurgedesk(
  config: Config,
  options: CreateAppOptions & { logger?: Logger; database?: DatabaseHandle } = {},
): Promise<RunningSurgedesk> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database =
    options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, ...config.database }));
  await database.migrate();
  if (config.demo) {
    try {
      await refuseRealDatabase(database.db, config);
    } catch (error) {
      if (!options.database) await database.close();
      throw error;
    }
  }
  const workspaceId = await ensureWorkspace(database.db, config.workspaceName, { demo: config.demo });
  await bootstrapUsers(database.db, config, workspaceId);

  const { services, app, ingest, sync, spikes, live, outbox, orderActions, replyVisibility, trainer, housekeeping, tokens, ruleHides, orderChecks } = createRuntime({
    config,
    database,
    logger,
    classifier: loadClassifier(),
    appOptions: options,
  });
  // Workspaces' own models before the first message is classified.
  await services.classifiers.refresh();
  ingest.start();
  trainer.loop.start();
  sync.start();
  spikes.start();
  live.start();
  outbox.start();
  orderActions.start();
  replyVisibility.start();
  housekeeping.start();
  tokens.start();
  ruleHides.start();
  orderChecks.start();

  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: app.fetch, port: config.port, hostname: config.host, createServer }, () =>
      resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
  logger.info("surgedesk listening", { url, db: database.driver, demo: config.demo });

  // Demo mode only: the emulated platforms and the demo brand, from the devkit.
  const demo: RunningDemo | null = config.demo ? await startDemoMode({ app, config, db: database.db, workspaceId, logger }) : null;

  return {
    url,
    services,
    database,
    ingest,
    sync,
    app,
    live,
    demo,
    async stop() {
      // While the requests in flight finish, each worker finishes what it has in hand (an
      // ingest batch, a send) and takes no more: what is left waits in the database.
      await Promise.all([
        closeServer(server, live),
        outbox.stop(),
        orderActions.stop(),
        replyVisibility.stop(),
        housekeeping.stop(),
        tokens.stop(),
        trainer.loop.stop(),
        spikes.stop(),
        sync.stop(),
        ingest.stop(),
        ruleHides.stop(),
        orderChecks.stop(),
      ]);
      const { pendingEvents } = await readIngestStatus(database.db, null);
      demo?.stop();
      await live.stop();
      await database.close();
      return { pendingDeliveries: pendingEvents };
    },
  };
}

/**
 * Stops accepting connections and waits for the requests in flight (an acknowledged delivery
 * is stored before its answer). Live streams would hold their connections for as long as the
 * consoles stay, so they are told to reconnect and ended; connections left idle (keep-alive)
 * are closed as they become idle, rather than after their keep-alive timeout.
 */
async function closeServer(server: ServerType, live: LiveRuntime): Promise<void> {
  const http = server as Server;
  const closed = new Promise<void>((resolve, reject) => http.close((err) => (err ? reject(err) : resolve())));
  await live.streams.endAll();
  const sweep = setInterval(() => http.closeIdleConnections(), 100);
  http.closeIdleConnections();
  try {
    await closed;
  } finally {
    clearInterval(sweep);
  }
}
