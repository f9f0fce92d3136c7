import type { Connector } from "../../connectors/contract.ts";
import { createTikTokBusinessClient } from "./business-client.ts";
import { commentRepliesPoller } from "./comment-replies-poller.ts";
import { parseCommentPageEvent } from "./comment-page-event.ts";
import { parseCommentWebhook } from "./comment-webhook-payload.ts";
import { parseDmWebhook } from "./dm-webhook-payload.ts";
import { normalizeTikTokCommentWebhook } from "./normalize-comment-webhook.ts";
import { normalizeTikTokCommentPage } from "./normalize-comments.ts";
import { normalizeTikTokDmWebhook } from "./normalize-dm.ts";
import { tiktokOAuth } from "./oauth.ts";
import { tiktokReplyRules } from "./reply-rules.ts";
import { tiktokSender } from "./sender.ts";
import { COMMENT_REPLIES_RESOURCE, repliesResourceId, VIDEO_COMMENTS_RESOURCE, VIDEOS_RESOURCE } from "./tiktok-resources.ts";
import { videoCommentsPoller } from "./video-comments-poller.ts";
import { videosPoller } from "./videos-poller.ts";
import { tiktokWebhookRoutes } from "./webhook-routes.ts";

/**
 * TikTok API for Business: a business account's videos and their comments (pushed by
 * `comment.update` webhooks, polled for reconciliation), and Business Messaging DMs.
 */
export const tiktokConnector: Connector = {
  channel: "tiktok_business",
  platform: "tiktok",
  label: "TikTok",
  eventFormats: {
    "tiktok.comment_page": (body) => normalizeTikTokCommentPage(parseCommentPageEvent(body)),
    /** A `comment.update` webhook: a comment inserted, deleted, hidden, friends-only or public again. */
    "tiktok.comment_webhook": (body) => {
      const parsed = parseCommentWebhook(body);
      if (!parsed.ok) throw new Error(parsed.message);
      return normalizeTikTokCommentWebhook(parsed.value);
    },
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
  // TikTok hides a reply its spam filter flags without a word: a sent reply is followed until it
  // is seen public. The comment's replies (or the video's list, which carries the first replies
  // inline) show it with its status.
  replyVisibility: {
    resourcesShowing: ({ videoId, commentId }) =>
      videoId && commentId
        ? [
            { resource: COMMENT_REPLIES_RESOURCE, resourceId: repliesResourceId(videoId, commentId) },
            { resource: VIDEO_COMMENTS_RESOURCE, resourceId: videoId },
          ]
        : [],
  },
  async hideComment({ config, account, accessToken, externalId, postExternalId, unhide }) {
    if (!postExternalId) throw new Error("The video this comment is on is unknown, so TikTok cannot find it.");
    await createTikTokBusinessClient({ baseUrl: config.apiUrls.tiktokBusiness, accessToken }).hideComment({
      businessId: account.platformParams?.["business_id"] ?? account.externalAccountId,
      videoId: postExternalId,
      commentId: externalId,
      action: unhide ? "UNHIDE" : "HIDE",
    });
  },
  replies: tiktokReplyRules,
  oauth: tiktokOAuth,
  // TikTok's picture CDNs by region (p16-sign-va.tiktokcdn.com, p19-…tiktokcdn-us.com, …-eu).
  postImageHosts: ["tiktokcdn.com", "tiktokcdn-us.com", "tiktokcdn-eu.com"],
};
