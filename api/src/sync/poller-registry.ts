import type { AccountChannel } from "../ingest/normalized-message.ts";
import type { ResourcePoller } from "./resource-poller.ts";
import { tiktokShopConversationsPoller } from "../platforms/tiktok-shop/conversations-poller.ts";
import { tiktokShopConversationMessagesPoller } from "../platforms/tiktok-shop/conversation-messages-poller.ts";
import { TIKTOK_SHOP_CONVERSATIONS } from "../platforms/tiktok-shop/resources.ts";
import { videosPoller } from "../platforms/tiktok/videos-poller.ts";
import { videoCommentsPoller } from "../platforms/tiktok/video-comments-poller.ts";
import { commentRepliesPoller } from "../platforms/tiktok/comment-replies-poller.ts";
import { VIDEOS_RESOURCE } from "../platforms/tiktok/tiktok-resources.ts";
import { instagramMediaPoller, INSTAGRAM_MEDIA } from "../platforms/instagram/media-poller.ts";
import { instagramMediaCommentsPoller } from "../platforms/instagram/media-comments-poller.ts";

/**
 * The pollers Surgedesk runs, and per channel the root resources every connected account
 * starts with (their polls discover the rest: media, videos, conversations).
 */
const POLLERS: ResourcePoller[] = [instagramMediaPoller, instagramMediaCommentsPoller, videosPoller, videoCommentsPoller, commentRepliesPoller, tiktokShopConversationsPoller, tiktokShopConversationMessagesPoller];

const ROOT_RESOURCES: Record<AccountChannel, string[]> = {
  instagram: [INSTAGRAM_MEDIA],
  tiktok_business: [VIDEOS_RESOURCE],
  tiktok_shop: [TIKTOK_SHOP_CONVERSATIONS],
};

export function findPoller(resource: string): ResourcePoller | undefined {
  return POLLERS.find((poller) => poller.resource === resource);
}

export function rootResources(channel: AccountChannel): string[] {
  return ROOT_RESOURCES[channel];
}
