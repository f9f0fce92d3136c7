import type { AccountChannel } from "@surgedesk/shared";
import type { Config } from "../config.ts";
import type { ConnectedAccount, SyncCursor } from "../db/types.ts";

/** What a media or video list says about one post: how people recognise it. */
export interface PostDetails {
  externalId: string;
  productType: string | null;
  caption: string | null;
  permalink: string | null;
  /** The platform's picture of the post (a video's cover), on one of the connector's `postImageHosts`. */
  thumbnailUrl: string | null;
  publishedAt: Date | null;
}

export interface PollContext {
  account: ConnectedAccount;
  /** Decrypted for this call only; never logged or stored elsewhere. */
  accessToken: string;
  cursor: SyncCursor;
  config: Config;
  now: Date;
}

export interface DiscoveredResource {
  resource: string;
  resourceId: string;
  /** When it was published: fresh resources are polled more often. */
  resourceCreatedAt: Date | null;
  /** The new cursor's initial poller-private state (what the parent knows that the child's API does not). */
  state?: Record<string, unknown>;
  /** The parent saw new activity in it: an existing cursor is brought forward to be polled now. */
  pollSoon?: boolean;
}

/**
 * What one poll (one API page) produced. The scheduler stores `events` and the new cursor in
 * one transaction, so a restart resumes from the last stored page: nothing is skipped, and
 * what is fetched twice is deduplicated by ingestion.
 */
export interface PollOutcome {
  /** Raw pages as the platform sent them; ingestion normalizes them like webhook deliveries. */
  events: { format: string; body: string }[];
  /** Paging cursor of the pass in progress; null when the pass is complete. */
  pageCursor: string | null;
  state?: Record<string, unknown>;
  newestSeenId?: string | null;
  newestSeenAt?: Date | null;
  discovered?: DiscoveredResource[];
  /** Captions and links of the account's posts, saved with the page (see sync/record-post-details.ts). */
  posts?: PostDetails[];
  itemsGathered: number;
  /** 0 to continue a pass at once; otherwise the adaptive interval until the next pass. */
  nextPollInMs: number;
  /** The platform said usage is high (e.g. X-Business-Use-Case-Usage): slow the whole account. */
  slowAccountForMs?: number;
}

/** A platform's limit on one endpoint, per account: the scheduler spends it before each poll. */
export interface RateLimit {
  /** Names the endpoint across pollers that call it, e.g. `tiktok.comment/list`. */
  endpoint: string;
  perMinute: number;
}

/** One kind of resource a platform lets Surgedesk read by polling, e.g. a video's comments. */
export interface ResourcePoller {
  resource: string;
  channel: AccountChannel;
  /** One poll is one call to this endpoint; absent where the platform's limits are handled otherwise. */
  rateLimit?: RateLimit;
  poll(context: PollContext): Promise<PollOutcome>;
}
