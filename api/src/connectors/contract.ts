/**
 * The one contract between Surgedesk and a platform. A platform lives in one folder,
 * `platforms/<name>/`, whose `index.ts` exports a `Connector`; ingestion, polling, the reply
 * outbox, hiding, reply rules and the webhook endpoints all work from the list of connectors in
 * `registry.ts`, so none of them names a platform. Platforms import this contract and `lib/`
 * only (the lint enforces it).
 */
import type { AccountChannel, Platform } from "@surgedesk/shared";
import type { Config } from "../config.ts";
import type { ConnectedAccount, OutboxRow } from "../db/types.ts";
import type { NormalizeResult } from "./normalized-message.ts";
import type { PlatformSender, SenderInput } from "./platform-sender.ts";
import type { ResourcePoller } from "./resource-poller.ts";
import type { ReplyRules } from "./reply-rules.ts";
import type { ResourceRef, WebhookEndpoint } from "./webhook-host.ts";
import type { PlatformOAuth } from "./platform-oauth.ts";
import type { OrderSource, OrderSourceInput } from "./order-source.ts";
import type { AfterSaleDesk, AfterSaleDeskInput } from "./after-sale-desk.ts";

export type { AccountChannel, Platform } from "@surgedesk/shared";
export type { Config } from "../config.ts";
export type { ConnectedAccount, OutboxRow, SyncCursor } from "../db/types.ts";
export type { MessageStateChange, NormalizedMessage, NormalizeResult, OrderChange, PushedResource } from "./normalized-message.ts";
export type { DiscoveredResource, PollContext, PollOutcome, PostDetails, RateLimit, ResourcePoller } from "./resource-poller.ts";
export type { Delivered, PlatformSender, SenderInput } from "./platform-sender.ts";
export type { CommentToDmAvailability, CommentToDmMode, PlannedSend, ReplyMessage, ReplyPlan, ReplyRefusal, ReplyRules, ReplyTarget } from "./reply-rules.ts";
export type { AcceptedDelivery, InboundDelivery, ResourceRef, WebhookEndpoint, WebhookHost } from "./webhook-host.ts";
export type { OrderKey, OrderKeyKind, OrderSource, OrderSourceInput } from "./order-source.ts";
export { isRefusal } from "./reply-rules.ts";
export { PlatformApiError, parseRetryAfter, type PlatformErrorKind } from "./platform-api-error.ts";
export { parseWebhookBody, type WebhookBodyParse } from "./parse-webhook-body.ts";
export { ApiError } from "../errors/api-error.ts";
export { OAuthExchangeError, expiresIn, readJson, type OAuthFetch, type OAuthGrant, type OAuthTokens, type PlatformOAuth } from "./platform-oauth.ts";

/** How one stored raw event becomes messages. A parser throws on input it cannot read. */
export type EventNormalizer = (body: string) => NormalizeResult;

/** A comment to hide, with what its platform needs to find it. */
export interface HideRequest {
  config: Config;
  account: Pick<ConnectedAccount, "externalAccountId" | "platformParams">;
  /** Opened for this call only. */
  accessToken: string;
  /** The comment's platform id. */
  externalId: string;
  /** The video or media it is on (TikTok needs it to find the comment). */
  postExternalId: string | null;
  /** Make a hidden comment public again (undoing a moderation rule's hide). */
  unhide?: boolean;
}

export interface Connector {
  /** The platform product an account connects through (TikTok's three APIs are separate). */
  channel: AccountChannel;
  /** The platform its messages belong to: contacts and posts are per platform. */
  platform: Platform;
  /** How people call it: "TikTok Shop". */
  label: string;
  /**
   * Every raw event format this connector stores (webhook deliveries, polled pages), by its
   * name in `inbound_events.format`. Names are `<channel>.<what>` and unique across connectors.
   */
  eventFormats: Record<string, EventNormalizer>;
  /** Signed endpoints the platform delivers to. */
  webhooks: WebhookEndpoint[];
  /** What Surgedesk polls, and the resources every newly connected account starts with. */
  pollers: ResourcePoller[];
  rootResources: string[];
  /** Sends one outbox row, and finds it on the platform after an answer was lost. */
  sender(input: SenderInput): PlatformSender;
  /**
   * How `messages.external_id` names a message this connector's sender delivered, given the id
   * the platform answered with: it must match what the normalizer stores for the same message,
   * so the polled copy of a sent reply is recognised. Absent: the platform's id as it is.
   */
  storedMessageId?(platformMessageId: string): string;
  /**
   * Set where the platform may hide a sent public reply without saying so (TikTok's spam filter):
   * each sent public reply is then followed until it is seen public, and these polled resources
   * (where the reply would show with its state) are brought forward to be read soon after the send.
   */
  replyVisibility?: { resourcesShowing(target: OutboxRow["target"]): ResourceRef[] };
  /** Hides a comment from the public; absent where the platform has nothing public to hide. */
  hideComment?(request: HideRequest): Promise<void>;
  replies: ReplyRules;
  /** Connecting an account by the platform's OAuth authorization-code flow; absent: a pasted token only. */
  oauth?: PlatformOAuth;
  /**
   * The hosts (and their subdomains) the platform serves post pictures from. The console shows a
   * post's picture through Surgedesk (`posts/`), which fetches only from these.
   */
  postImageHosts?: readonly string[];
  /** The platform's own shop orders (TikTok Shop), for order context; absent where it sells nothing. */
  orders?(input: OrderSourceInput): OrderSource;
  /** The shop's buyer requests (cancellations, returns), decided by the seller: order actions. */
  afterSales?(input: AfterSaleDeskInput): AfterSaleDesk;
}
