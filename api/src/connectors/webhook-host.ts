import type { AccountChannel } from "@surgedesk/shared";
import type { Hono } from "hono";
import type { Config } from "../config.ts";
import type { Logger } from "../lib/logger.ts";

/** A raw delivery to store before it is acknowledged. */
export interface InboundDelivery {
  /** One of the connector's event formats: how ingestion will read `body`. */
  format: string;
  body: string;
  /** The connected account it is for, when the route could tell. */
  accountId?: string | null;
  /**
   * The platform account it is for, when the route can tell but has not looked it up: resolved to
   * the connected account in the statement that stores the delivery (no extra round trip).
   */
  accountRef?: { channel: AccountChannel; externalAccountId: string } | null;
  /**
   * The verified signature, when the platform signs its deliveries. A delivery whose signature
   * was already stored within `WEBHOOK_REPLAY_WINDOW_MS` is an exact repeat (the platform
   * retrying because our 200 was lost): it is acknowledged and not stored again.
   */
  signature?: string;
}

/**
 * How long a stored signature is remembered, across every process. At least twice any
 * platform's timestamp tolerance (5 minutes either way for TikTok and TikTok Shop), so a
 * signature is remembered for as long as its timestamp would be accepted.
 */
export const WEBHOOK_REPLAY_WINDOW_MS = 10 * 60_000;

/** What `accept` did with a delivery: stored it, or recognised an exact repeat of a stored one. */
export type AcceptedDelivery = { repeat: false; eventId: number } | { repeat: true; eventId: null };

/** A polled resource, by its poller's resource name and the platform's id for it. */
export interface ResourceRef {
  resource: string;
  resourceId: string;
}

/**
 * What the product lends a connector's webhook routes: configuration, a logger, durable
 * storage of deliveries and the few questions about accounts and polling a delivery can raise.
 * Routes never reach the database or other features themselves.
 */
export interface WebhookHost {
  config: Config;
  logger: Logger;
  /**
   * Stores the delivery durably; resolves once committed (acknowledge after), or at once for an
   * exact repeat of a stored one. Rejects with a 503 `ApiError` (with Retry-After) when it
   * cannot be stored now: the platform retries.
   */
  accept(delivery: InboundDelivery): Promise<AcceptedDelivery>;
  /** The id of the account connected for this platform account, if any. */
  findAccountId(channel: AccountChannel, externalAccountId: string): Promise<string | null>;
  /**
   * Makes the first of these resources that is being polled due now (a conversation the webhook
   * named, else the list that will discover it). Null when none is known or all are already due.
   */
  pollSoon(accountId: string, candidates: readonly ResourceRef[], now: Date): Promise<ResourceRef | null>;
}

/** One webhook endpoint, served at `/webhooks/<path>`. */
export interface WebhookEndpoint {
  path: string;
  routes(host: WebhookHost): Hono;
}
