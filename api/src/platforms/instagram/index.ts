import type { Connector } from "../../connectors/contract.ts";
import { createGraphClient } from "./graph-client.ts";
import { instagramMediaCommentsPoller } from "./media-comments-poller.ts";
import { INSTAGRAM_MEDIA, instagramMediaPoller } from "./media-poller.ts";
import { normalizeInstagramWebhook } from "./normalize.ts";
import { normalizeGraphCommentsBody } from "./normalize-graph.ts";
import { instagramReplyRules } from "./reply-rules.ts";
import { instagramSender } from "./sender.ts";
import { igWebhookPayloadSchema } from "./webhook-payload.ts";
import { instagramWebhookRoutes } from "./webhook-routes.ts";
import { instagramOAuth } from "./oauth.ts";

/** Instagram (Graph API with Instagram Login): comments, live comments and DMs of a professional account. */
export const instagramConnector: Connector = {
  channel: "instagram",
  platform: "instagram",
  label: "Instagram",
  eventFormats: {
    "instagram.webhook": (body) => normalizeInstagramWebhook(igWebhookPayloadSchema.parse(JSON.parse(body))),
    /** A polled page of a media's comments (or of a comment's replies). */
    "instagram.graph_comments": normalizeGraphCommentsBody,
  },
  webhooks: [{ path: "instagram", routes: instagramWebhookRoutes }],
  pollers: [instagramMediaPoller, instagramMediaCommentsPoller],
  rootResources: [INSTAGRAM_MEDIA],
  sender: instagramSender,
  async hideComment({ config, accessToken, externalId, unhide }) {
    await createGraphClient({ baseUrl: config.apiUrls.instagramGraph, accessToken }).setHidden(externalId, !unhide);
  },
  replies: instagramReplyRules,
  oauth: instagramOAuth,
  // Meta serves media from its CDN under these names (scontent-xx.cdninstagram.com, *.fbcdn.net).
  postImageHosts: ["cdninstagram.com", "fbcdn.net"],
};
