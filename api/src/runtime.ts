import { createApp, type CreateAppOptions } from "./app.ts";
import type { Config } from "./config.ts";
import type { DatabaseHandle } from "./db/client.ts";
import { createInboundEventWriter } from "./ingest/inbound-event-writer.ts";
import type { MessageClassifier } from "./ingest/message-classifier.ts";
import { createIngestWorker, type IngestWorker } from "./ingest/worker.ts";
import { createHousekeepingWorker, type HousekeepingWorker } from "./housekeeping/housekeeping-worker.ts";
import type { Logger } from "./lib/logger.ts";
import { createLoginRateLimiter } from "./auth/login-rate-limiter.ts";
import type { Services } from "./services.ts";
import { createSyncScheduler, type SyncScheduler } from "./sync/sync-scheduler.ts";
import { createOutboundFetch } from "./outbound/outbound-fetch.ts";
import { createOutboundPolicy } from "./outbound/address-policy.ts";
import { platformsInProcess } from "./outbound/platforms-in-process.ts";
import { createSpikeWorker, type SpikeWorker } from "./spikes/spike-worker.ts";
import { createLiveRuntime, type LiveRuntime } from "./live/live-runtime.ts";
import { publishChangedOrders } from "./events/publish-changed-orders.ts";
import { publishMessagesOf, publishStoredMessages } from "./events/publish-stored-messages.ts";
import { createOutboxWorker, type OutboxWorker } from "./outbox/outbox-worker.ts";
import { createOrderActionWorker, type OrderActionWorker } from "./orders/actions/order-action-worker.ts";
import { createReplyVisibilityWorker } from "./outbox/reply-visibility.ts";
import { createModelTrainer, type ModelTrainer } from "./model-training/model-trainer.ts";
import { createWorkspaceClassifiers } from "./model-training/workspace-classifiers.ts";
import { shippedConnectors, type ConnectorRegistry } from "./connectors/registry.ts";
import { describeError } from "./lib/safe-error.ts";
import { createTokenRefresher, type TokenRefresher } from "./accounts/oauth/token-refresher.ts";
import { createWebhookActivity, type WebhookActivity } from "./ingest/webhook-activity.ts";
import { createRuleCache } from "./moderation/rule-cache.ts";
import { createRuleHideRunner, type RuleHideRunner } from "./moderation/rule-hide-runner.ts";
import type { ModerationResult } from "./moderation/moderate-messages.ts";
import { createOrderCheckWorker, type OrderCheckWorker } from "./orders/checks/order-check-worker.ts";

export interface Runtime {
  services: Services;
  app: ReturnType<typeof createApp>;
  ingest: IngestWorker;
  sync: SyncScheduler;
  /** The surge detector and alert webhooks; tests step it with `spikes.detector.tick({ at })`. */
  spikes: SpikeWorker;
  /** Live updates, presence and snoozes coming due; stop it to close its connections. */
  live: LiveRuntime;
  /** Sends queued replies; tests drive their own with `createOutboxWorker`. */
  outbox: OutboxWorker;
  /** Runs queued order actions (cancel, refund, TikTok Shop decisions). */
  orderActions: OrderActionWorker;
  /** Marks sent public replies the platform never showed public; tests call `replyVisibility.runOnce()`. */
  replyVisibility: ReturnType<typeof createReplyVisibilityWorker>;
  /** Retrains workspaces' models from their agents' corrections; tests call `trainer.runOnce()`. */
  trainer: ModelTrainer;
  /** Prunes expired replay claims, processed raw events past their retention, expired sessions and sign-in counts. */
  housekeeping: HousekeepingWorker;
  /** Renews access tokens before they expire, where the platform has refresh tokens. */
  tokens: TokenRefresher;
  /** Records each account's last webhook (tests await `settled()`). */
  webhookActivity: WebhookActivity;
  /** Calls the platforms for live rules' hides; tests call `ruleHides.drain()` after ingesting. */
  ruleHides: RuleHideRunner;
  /** Looks up ingested order-issue messages' orders in the background; tests call `orderChecks.drain()` after ingesting. */
  orderChecks: OrderCheckWorker;
}

/**
 * The services, the app and the background workers, wired together but not started: the
 * server starts the workers, tests drive them by hand. One wiring for both, so tests run what
 * production runs.
 */
export function createRuntime(options: {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
  /** The shipped model: every workspace's classifier until it has its own. */
  classifier: MessageClassifier;
  /** The platforms to talk to; tests add a platform of their own here. */
  connectors?: ConnectorRegistry;
  appOptions?: CreateAppOptions;
  /**
   * Platform APIs are answered by emulators in this process (msw): demo mode, and tests that
   * install emulators. Default: demo mode.
   */
  emulatedPlatforms?: boolean;
  /** How long after ingestion an order-issue message's order is looked up (default 5 s; tests use 0). */
  orderCheckDelayMs?: number;
}): Runtime {
  const { config, database, logger, classifier, connectors = shippedConnectors } = options;
  const live = createLiveRuntime({ database, logger });
  const classifiers = createWorkspaceClassifiers(database.db, classifier);
  const moderationRules = createRuleCache();
  const ruleHides = createRuleHideRunner({ db: database.db, config, connectors, events: live.events, logger });
  /** After a batch or a relabel commits: hides to the platforms, notices and changes to consoles. */
  const onModerated = (result: ModerationResult) => {
    if (result.pendingHides > 0) ruleHides.notify();
    for (const notice of result.notices) live.events.publish(notice);
    if (result.changed.length > 0) {
      void publishStoredMessages(database.db, live.events, result.changed, "updated").catch((error: unknown) =>
        logger.warn("live update for moderated messages not sent", { error: describeError(error) }),
      );
    }
  };
  const orderChecks = createOrderCheckWorker({ db: database.db, config, connectors, logger, events: live.events });
  const ingest = createIngestWorker({
    db: database.db,
    logger,
    classifiers,
    connectors,
    // Batches in flight at once keep both the database and this process busy during a surge.
    concurrency: database.driver === "postgres" ? config.ingestConcurrency : 1,
    // The batch knows each new message's workspace: told without a query.
    onStored: (stored) => {
      orderChecks.notify();
      publishMessagesOf(live.events, stored);
    },
    ...(options.orderCheckDelayMs !== undefined && { orderCheckDelayMs: options.orderCheckDelayMs }),
    onChanged: (ids) =>
      void publishStoredMessages(database.db, live.events, ids, "updated").catch((error: unknown) =>
        logger.warn("live update for changed messages not sent", { error: describeError(error) }),
      ),
    onOrdersChanged: (changes) =>
      void publishChangedOrders(database.db, live.events, changes).catch((error: unknown) =>
        logger.warn("live update for changed orders not sent", { error: describeError(error) }),
      ),
    moderation: { rules: moderationRules, onModerated, onlineUserIds: () => live.streams.onlineUserIds() },
  });
  const inboundEventWriter = createInboundEventWriter(database.db, { connectors, logger, maxLagMs: config.ingestMaxLagSeconds * 1000 });
  const checkedFetch = createOutboundFetch(createOutboundPolicy(config.outboundAllow));
  const outboundFetch =
    (options.emulatedPlatforms ?? config.demo) ? platformsInProcess(checkedFetch, {
          origins: connectors.all.flatMap((c) => c.oauth?.apiOrigins(config) ?? []),
          hosts: connectors.all.flatMap((c) => c.postImageHosts ?? []),
        }) : checkedFetch;
  const webhookActivity = createWebhookActivity(database.db, logger);
  const outbox = createOutboxWorker({ db: database.db, config, logger, connectors, events: live.events });
  const orderActions = createOrderActionWorker({ db: database.db, config, logger, connectors, events: live.events });
  const services: Services = {
    config,
    db: database.db,
    dbDriver: database.driver,
    logger,
    connectors,
    classifiers,
    loginRateLimiter: {
      perClient: createLoginRateLimiter(database.db, { scope: "email+client" }),
      perEmail: createLoginRateLimiter(database.db, { scope: "email", maxFailures: 20 }),
    },
    events: live.events,
    presence: live.presence,
    outboundFetch,
    liveStreams: live.streams,
    notifyOutbox: () => outbox.notify(),
    notifyOrderActions: () => orderActions.notify(),
    notifyIngest: () => ingest.notify(),
    moderationRules,
    notifyRuleHides: () => ruleHides.notify(),
    acceptInboundEvent: async (event) => {
      const accepted = await inboundEventWriter.write(event);
      if (!accepted.repeat) {
        ingest.notify();
        webhookActivity.stored(event);
      }
      return accepted;
    },
  };
  const sync = createSyncScheduler({ db: database.db, config, logger, connectors, notifyIngest: () => ingest.notify() });
  const spikes = createSpikeWorker({ db: database.db, config, logger, fetch: outboundFetch });
  const trainer = createModelTrainer({ db: database.db, logger, classifiers });
  const tokens = createTokenRefresher({ db: database.db, config, connectors, fetch: outboundFetch, logger });
  const housekeeping = createHousekeepingWorker({ db: database.db, logger, rawEventRetentionDays: config.rawEventRetentionDays, vacuum: () => database.vacuum() });
  const replyVisibility = createReplyVisibilityWorker({ db: database.db, logger, events: live.events });
  return { services, app: createApp(services, options.appOptions), ingest, sync, spikes, live, outbox, orderActions, replyVisibility, trainer, housekeeping, tokens, webhookActivity, ruleHides, orderChecks };
}
