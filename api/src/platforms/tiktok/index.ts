import type { Connector } from "../../connectors/contract.ts";
import { createTikTokBusinessClient } from "./business-client.ts";
import { commentRepliesPoller } from "./comment-replies-poller.ts";
import { parseCommentPageEvent } from "./comment-page-event.ts";
import { parseDmWebhook } from "./dm-webhook-payload.ts";
import { normalizeTikTokCommentPage } from "./normalize-comments.ts";
import { normalizeTikTokDmWebhook } from "./normalize-dm.ts";
import { tiktokReplyRules } from "./reply-rules.ts";
import { tiktokSender } from "./sender.ts";
import { VIDEOS_RESOURCE } from "./tiktok-resources.ts";
import { videoCommentsPoller } from "./video-comments-poller.ts";
import { videosPoller } from "./videos-poller.ts";
import { tiktokWebhookRoutes } from "./webhook-routes.ts";

/** TikTok API for Business: a business account's videos and their comments (polled), and Business Messaging DMs. */
export const tiktokConnector: Connector = {
  channel: "tiktok_business",
  platform: "tiktok",
  label: "TikTok",
  eventFormats: {
    "tiktok.comment_page": (body) => normalizeTikTokCommentPage(parseCommentPageEvent(body)),
    "tiktok.dm_webhook": (body) => {
      const parsed = parseDmWebhook(body);
      if (!parsed.ok) throw new Error(parsed.message);
      return normalizeTikTokDmWebhook(parsed.value);
    },
  },
  webhooks: [{ path: "tiktok", routes: (host) => tiktokWebhookRoutes(host) }],
  pollers: [videosPoller, videoCommentsPoller, commentRepliesPoller],
  rootResources: [VIDEOS_RESOURCE],
  sender: tiktokSender,
  async hideComment({ config, account, accessToken, externalId, postExternalId }) {
    if (!postExternalId) throw new Error("The video this comment is on is unknown, so TikTok cannot find it.");
    await createTikTokBusinessClient({ baseUrl: config.apiUrls.tiktokBusiness, accessToken }).hideComment({
      businessId: account.platformParams?.["business_id"] ?? account.externalAccountId,
      videoId: postExternalId,
      commentId: externalId,
      action: "HIDE",
    });
  },
  replies: tiktokReplyRules,
};
