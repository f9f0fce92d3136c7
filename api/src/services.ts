import type { DbDriver } from "@surgedesk/shared";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import type { Logger } from "./lib/logger.ts";
import type { LoginRateLimiter } from "./auth/login-rate-limiter.ts";
import type { WorkspaceClassifiers } from "./model-training/workspace-classifiers.ts";
import type { NewInboundEvent } from "./ingest/new-inbound-event.ts";
import type { EventBus } from "./events/event-bus.ts";
import type { PresenceStore } from "./live/presence-store.ts";
import type { LiveStreams } from "./live/live-streams.ts";
import type { ConnectorRegistry } from "./connectors/registry.ts";
import type { OutboundFetch } from "./outbound/outbound-fetch.ts";
import type { AcceptedDelivery } from "./connectors/webhook-host.ts";
import type { RuleCache } from "./moderation/rule-cache.ts";

/**
 * What routes and workers need, built once at start and reached through the context, so tests
 * build the same app with their own database, clock or platform clients.
 */
export interface Services {
  config: Config;
  db: Database;
  dbDriver: DbDriver;
  logger: Logger;
  /** The platforms this product talks to: one connector each. */
  connectors: ConnectorRegistry;
  /** Each workspace's classifier: its own promoted model, or the shipped one. */
  classifiers: WorkspaceClassifiers;
  /**
   * Failed sign-ins are limited per email and client (5 in 15 min) and, because the client
   * address can be forged through X-Forwarded-For, per email alone too (20 in 15 min).
   */
  loginRateLimiter: { perClient: LoginRateLimiter; perEmail: LoginRateLimiter };
  /** Live updates to every open console (new and changed messages, presence). */
  events: EventBus;
  /** Who has which message open, for collision warnings. */
  presence: PresenceStore;
  /** Fetches URLs users typed in (the alert webhook), refusing private addresses. */
  outboundFetch: OutboundFetch;
  /** The open live streams, so a shutdown can end them. */
  liveStreams: LiveStreams;
  /** Wakes the reply outbox worker: a send was just queued. */
  notifyOutbox?: () => void;
  /** Wakes the order action worker: an action was queued or approved. */
  notifyOrderActions?: () => void;
  /** Wakes the ingest worker: an event was queued again. */
  notifyIngest?: () => void;
  /** Each workspace's compiled moderation rules; the rules routes invalidate it on a change. */
  moderationRules: RuleCache;
  /** Wakes the worker that hides what live rules decided (a relabel just queued one). */
  notifyRuleHides?: () => void;
  /**
   * Stores a raw platform delivery durably (group-committed with concurrent ones) and wakes the
   * ingest worker. Resolves with the event id once committed (acknowledge only after that), or
   * as a repeat when an event with the same replay key is already stored.
   */
  acceptInboundEvent(event: NewInboundEvent): Promise<AcceptedDelivery>;
}
