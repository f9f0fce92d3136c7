import type { Platform } from "@surgedesk/shared";
import { igWebhookPayloadSchema } from "../platforms/instagram/webhook-payload.ts";
import { normalizeInstagramWebhook } from "../platforms/instagram/normalize.ts";
import { parseCommentPageEvent } from "../platforms/tiktok/comment-page-event.ts";
import { normalizeTikTokCommentPage } from "../platforms/tiktok/normalize-comments.ts";
import { parseDmWebhook } from "../platforms/tiktok/dm-webhook-payload.ts";
import { normalizeTikTokDmWebhook } from "../platforms/tiktok/normalize-dm.ts";
import { normalizeGraphCommentsBody } from "../platforms/instagram/normalize-graph.ts";
import { normalizeMessagePageBody, normalizeShopWebhookBody } from "../platforms/tiktok-shop/normalize.ts";
import type { NormalizeResult } from "./normalized-message.ts";

/**
 * Every shape a raw event can have, by the `format` stored with it: which platform it is from
 * and how it becomes normal-form messages. A parser throws on input it cannot read.
 */
interface EventFormat {
  platform: Platform;
  normalize(body: string): NormalizeResult;
}

const EVENT_FORMATS = {
  "instagram.webhook": {
    platform: "instagram",
    normalize: (body) => normalizeInstagramWebhook(igWebhookPayloadSchema.parse(JSON.parse(body))),
  },
  "tiktok.comment_page": {
    platform: "tiktok",
    normalize: (body) => normalizeTikTokCommentPage(parseCommentPageEvent(body)),
  },
  "tiktok.dm_webhook": {
    platform: "tiktok",
    normalize: (body) => {
      const parsed = parseDmWebhook(body);
      if (!parsed.ok) throw new Error(parsed.message);
      return normalizeTikTokDmWebhook(parsed.value);
    },
  },
  /** A polled page of a media's comments (or of a comment's replies), from the Graph API. */
  "instagram.graph_comments": { platform: "instagram", normalize: normalizeGraphCommentsBody },
  /** A TikTok Shop webhook delivery; it schedules a poll and yields no messages itself. */
  "tiktok_shop.webhook": { platform: "tiktok", normalize: normalizeShopWebhookBody },
  /** A polled page of one TikTok Shop conversation's messages. */
  "tiktok_shop.message_page": { platform: "tiktok", normalize: normalizeMessagePageBody },
} satisfies Record<string, EventFormat>;

export type EventFormatName = keyof typeof EVENT_FORMATS;

export function normalizeInboundEvent(format: string, body: string): NormalizeResult {
  const handler = (EVENT_FORMATS as Record<string, EventFormat>)[format];
  if (!handler) throw new Error(`no parser for event format "${format}"`);
  return handler.normalize(body);
}

export function platformOfFormat(format: EventFormatName): Platform {
  const handler = (EVENT_FORMATS as Record<string, EventFormat>)[format];
  if (!handler) throw new Error(`unknown event format "${format}"`);
  return handler.platform;
}
