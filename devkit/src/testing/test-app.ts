import { randomBytes } from "node:crypto";
import { loadConfig, type Config } from "@surgedesk/api/config.ts";
import type { DatabaseHandle } from "@surgedesk/api/db/client.ts";
import type { IngestWorker } from "@surgedesk/api/ingest/worker.ts";
import { createLogger } from "@surgedesk/api/lib/logger.ts";
import { createRuntime } from "@surgedesk/api/runtime.ts";
import type { SyncScheduler } from "@surgedesk/api/sync/sync-scheduler.ts";
import type { LiveRuntime } from "@surgedesk/api/live/live-runtime.ts";
import type { ModelTrainer } from "@surgedesk/api/model-training/model-trainer.ts";
import { ensureWorkspace } from "@surgedesk/api/workspaces/ensure-workspace.ts";
import type { RuleHideRunner } from "@surgedesk/api/moderation/rule-hide-runner.ts";
import type { OrderCheckWorker } from "@surgedesk/api/orders/checks/order-check-worker.ts";
import { createTestDatabase } from "./test-database.ts";
import { testClassifier } from "./test-classifier.ts";
import { createUserWithToken } from "./test-users.ts";
import type { UserRole } from "@surgedesk/shared";
import type { Connector } from "@surgedesk/api/connectors/contract.ts";
import { createConnectorRegistry, SHIPPED_CONNECTORS, type ConnectorRegistry } from "@surgedesk/api/connectors/registry.ts";

export const TEST_INSTAGRAM_SECRET = "test-instagram-app-secret";
export const TEST_VERIFY_TOKEN = "test-verify-token";
export const TEST_TIKTOK_CLIENT_SECRET = "test-tiktok-client-secret";
export const TEST_TIKTOK_SHOP_APP_KEY = "test-shop-app-key";
export const TEST_TIKTOK_SHOP_APP_SECRET = "test-shop-app-secret";

/** Requests as the app answers them; by default signed in as the test workspace's admin. */
export interface TestRequester {
  request(path: string, init?: RequestInit): Promise<Response>;
  /**
   * A JSON request: `body` serialised (a string is sent as it is, for malformed JSON), and with
   * `token`, as that user instead of the requester's own.
   *
   * @example await t.app.send("PATCH", `/api/tags/${id}`, { name: "VIP" }, agentToken)
   */
  send(method: string, path: string, body?: unknown, token?: string): Promise<Response>;
}

/** Adds `send` to a requester: the JSON request every route test makes. */
function withSend(request: TestRequester["request"]): TestRequester {
  return {
    request,
    send: (method, path, body, token) =>
      request(path, {
        method,
        headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
        ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
      }),
  };
}

export interface TestApp {
  /** Acts as the workspace's admin unless the request carries its own Authorization or Cookie. */
  app: TestRequester;
  /** The app with no credentials added: for authentication and permission tests. */
  anonymous: TestRequester;
  /** Creates a user with that role in the test workspace and returns a bearer token acting as them. */
  tokenFor(role: UserRole, workspaceId?: string): Promise<string>;
  database: DatabaseHandle;
  config: Config;
  ingest: IngestWorker;
  /** Not started either: tests call `sync.drain()` to run every due poll. */
  sync: SyncScheduler;
  /** Not started: tests call `live.wakeSnoozed()`; `live.events` hears what consoles would. */
  live: LiveRuntime;
  /** Not started: tests call `trainer.runOnce()` to queue due retrains and run one. */
  trainer: ModelTrainer;
  /** Not started: tests call `ruleHides.drain()` to make the hides live rules queued. */
  ruleHides: RuleHideRunner;
  /** Not started: tests call `orderChecks.drain()` to look up ingested order-issue messages' orders (due at once here). */
  orderChecks: OrderCheckWorker;
  /** The platforms the app was built with (the shipped ones unless the test added its own). */
  connectors: ConnectorRegistry;
  workspaceId: string;
  close(): Promise<void>;
}

/**
 * The production app on a database of the test's own, with known webhook secrets. The ingest
 * worker is not started: tests call `ingest.drain()` to process what the webhooks stored.
 */
export async function createTestApp(overrides: Partial<Config> = {}, options: { connectors?: readonly Connector[] } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const base = loadConfig({ DEMO: "false", LOG_LEVEL: "silent" });
  const config: Config = {
    ...base,
    instagram: { appSecret: TEST_INSTAGRAM_SECRET, verifyToken: TEST_VERIFY_TOKEN },
    tiktok: { clientSecret: TEST_TIKTOK_CLIENT_SECRET, shopAppKey: TEST_TIKTOK_SHOP_APP_KEY, shopAppSecret: TEST_TIKTOK_SHOP_APP_SECRET },
    encryptionKey: randomBytes(32),
    // Tests drain by hand, long after some deliveries: refusing them as "behind" is not what they test.
    ingestMaxLagSeconds: 0,
    ...overrides,
  };
  const logger = createLogger(config.logLevel);
  const workspaceId = await ensureWorkspace(database.db, "Test brand");
  const connectors = createConnectorRegistry(options.connectors ?? SHIPPED_CONNECTORS);
  const { app, ingest, sync, live, trainer, ruleHides, orderChecks } = createRuntime({ config, database, logger, classifier: testClassifier(), connectors, emulatedPlatforms: true, orderCheckDelayMs: 0 });
  const tokenFor = (role: UserRole, inWorkspace = workspaceId) => createUserWithToken(database, inWorkspace, role);
  const adminToken = await tokenFor("admin");
  const anonymous = withSend(async (path, init) => app.request(path, init));
  return {
    app: withSend(async (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has("authorization") && !headers.has("cookie")) headers.set("authorization", `Bearer ${adminToken}`);
      return app.request(path, { ...init, headers });
    }),
    anonymous,
    tokenFor,
    database,
    config,
    ingest,
    sync,
    live,
    trainer,
    ruleHides,
    orderChecks,
    connectors,
    workspaceId,
    close: async () => {
      await sync.stop();
      await ingest.stop();
      await ruleHides.stop();
      await orderChecks.stop();
      await live.stop();
      await database.close();
    },
  };
}
