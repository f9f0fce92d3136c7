import { z } from "zod";
import { PlatformApiError } from "../../connectors/contract.ts";
import { errorFromCode, errorFromHttp } from "./business-api-errors.ts";
import { commentPageDataSchema, tiktokReplySchema, type CommentPageData } from "./comment-payload.ts";
import { tiktokId } from "../../lib/tiktok-ids.ts";
import { VIDEO_FIELDS, videoPageDataSchema, type VideoPageData } from "./video-payload.ts";

/** The API refuses longer public replies; refusing here saves a call that cannot succeed. */
export const MAX_REPLY_CHARS = 150;
/** `max_count` ceilings of the list endpoints. */
export const MAX_COMMENTS_PER_PAGE = 30;
export const MAX_VIDEOS_PER_PAGE = 20;

const envelopeSchema = z.object({
  code: z.number().int(),
  message: z.string().nullish(),
  request_id: z.string().nullish(),
  data: z.unknown().optional(),
});

export interface TikTokBusinessClientOptions {
  /** e.g. https://business-api.tiktok.com/open_api/v1.3 (config.apiUrls.tiktokBusiness). */
  baseUrl: string;
  accessToken: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** A page as parsed, and the response envelope exactly as received, for storing raw. */
export interface ApiPage<T> {
  data: T;
  response: unknown;
}

export interface ListCommentsParams {
  businessId: string;
  videoId: string;
  cursor?: number | null;
  maxCount?: number;
  /** Inline each top-level comment's first replies in its `reply_list`. */
  includeReplies?: boolean;
}

export interface ListRepliesParams {
  businessId: string;
  videoId: string;
  commentId: string;
  cursor?: number | null;
  maxCount?: number;
}

export interface CommentTarget {
  businessId: string;
  videoId: string;
  commentId: string;
}

export interface TikTokBusinessClient {
  listVideos(params: { businessId: string; cursor?: number | null; maxCount?: number }): Promise<ApiPage<VideoPageData>>;
  /** Newest first (`sort_field=create_time`, `sort_order=desc`), public and hidden alike. */
  listComments(params: ListCommentsParams): Promise<ApiPage<CommentPageData>>;
  listReplies(params: ListRepliesParams): Promise<ApiPage<CommentPageData>>;
  replyToComment(target: CommentTarget & { text: string }): Promise<{ commentId: string }>;
  hideComment(target: CommentTarget & { action: "HIDE" | "UNHIDE" }): Promise<void>;
  /** A DM in a conversation the customer opened (Business Messaging). */
  sendMessage(params: { businessId: string; conversationId: string; text: string }): Promise<{ messageId: string }>;
}

function clampCount(requested: number | undefined, ceiling: number): number {
  return Math.max(1, Math.min(ceiling, Math.floor(requested ?? ceiling)));
}

/**
 * TikTok API for Business over fetch. Every answer is checked for `code === 0`, because
 * throttling and most failures arrive as HTTP 200; failures become `PlatformApiError`s the
 * scheduler knows how to handle (wait, back off, or ask an admin to reconnect).
 */
export function createTikTokBusinessClient(options: TikTokBusinessClientOptions): TikTokBusinessClient {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const baseUrl = options.baseUrl.replace(/\/$/, "");

  async function call(
    method: "GET" | "POST",
    path: string,
    params: Record<string, unknown>,
  ): Promise<{ data: unknown; response: unknown }> {
    const url = new URL(`${baseUrl}${path}`);
    const headers: Record<string, string> = { "Access-Token": options.accessToken };
    let body: string | undefined;
    if (method === "GET") {
      for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, String(value));
    } else {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(params);
    }

    let res: Response;
    let text: string;
    try {
      res = await fetchImpl(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
      text = await res.text();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PlatformApiError("transient", `TikTok ${path} could not be reached: ${reason}`);
    }
    const httpError = errorFromHttp(res.status, res.headers.get("retry-after"), path);
    if (httpError) throw httpError;

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // A proxy's HTML error page or a truncated answer: the next try may well succeed.
      throw new PlatformApiError("transient", `TikTok ${path} answered HTTP ${res.status} with a body that is not JSON`);
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) {
      throw new PlatformApiError("transient", `TikTok ${path} answered without the {code, message, data} envelope`);
    }
    const { code, message, request_id: requestId } = envelope.data;
    if (code !== 0) throw errorFromCode(code, message ?? "", { path, requestId });
    if (!res.ok) throw new PlatformApiError("rejected", `TikTok ${path} answered HTTP ${res.status}`, { platformCode: res.status });
    return { data: envelope.data.data, response: json };
  }

  function readData<T extends z.ZodType>(schema: T, path: string, data: unknown): z.infer<T> {
    const parsed = schema.safeParse(data ?? {});
    if (!parsed.success) {
      throw new PlatformApiError("transient", `TikTok ${path} answered data of an unexpected shape: ${parsed.error.issues[0]?.message}`);
    }
    return parsed.data;
  }

  function requireText(text: string, limit: number | null) {
    if (text.trim() === "") throw new PlatformApiError("rejected", "The message is empty.");
    const length = [...text].length;
    if (limit !== null && length > limit) {
      throw new PlatformApiError("rejected", `TikTok replies are limited to ${limit} characters; this one has ${length}.`);
    }
  }

  return {
    async listVideos({ businessId, cursor, maxCount }) {
      const path = "/business/video/list/";
      const { data, response } = await call("GET", path, {
        business_id: businessId,
        fields: JSON.stringify(VIDEO_FIELDS),
        cursor: cursor ?? undefined,
        max_count: clampCount(maxCount, MAX_VIDEOS_PER_PAGE),
      });
      return { data: readData(videoPageDataSchema, path, data), response };
    },

    async listComments({ businessId, videoId, cursor, maxCount, includeReplies = true }) {
      const path = "/business/comment/list/";
      const { data, response } = await call("GET", path, {
        business_id: businessId,
        video_id: videoId,
        status: "ALL",
        sort_field: "create_time",
        sort_order: "desc",
        include_replies: includeReplies,
        cursor: cursor ?? undefined,
        max_count: clampCount(maxCount, MAX_COMMENTS_PER_PAGE),
      });
      return { data: readData(commentPageDataSchema, path, data), response };
    },

    async listReplies({ businessId, videoId, commentId, cursor, maxCount }) {
      const path = "/business/comment/reply/list/";
      const { data, response } = await call("GET", path, {
        business_id: businessId,
        video_id: videoId,
        comment_id: commentId,
        status: "ALL",
        sort_field: "create_time",
        sort_order: "desc",
        cursor: cursor ?? undefined,
        max_count: clampCount(maxCount, MAX_COMMENTS_PER_PAGE),
      });
      return { data: readData(commentPageDataSchema, path, data), response };
    },

    async replyToComment({ businessId, videoId, commentId, text }) {
      requireText(text, MAX_REPLY_CHARS);
      const path = "/business/comment/reply/create/";
      const { data } = await call("POST", path, { business_id: businessId, video_id: videoId, comment_id: commentId, text });
      const created = readData(tiktokReplySchema.pick({ comment_id: true }), path, data);
      return { commentId: created.comment_id };
    },

    async hideComment({ businessId, videoId, commentId, action }) {
      await call("POST", "/business/comment/hide/", { business_id: businessId, video_id: videoId, comment_id: commentId, action });
    },

    async sendMessage({ businessId, conversationId, text }) {
      requireText(text, null);
      const path = "/business/message/send/";
      const { data } = await call("POST", path, {
        business_id: businessId,
        recipient_type: "CONVERSATION",
        recipient: conversationId,
        message_type: "TEXT",
        text: { body: text },
      });
      const sent = readData(z.object({ message: z.object({ message_id: tiktokId }) }), path, data);
      return { messageId: sent.message.message_id };
    },
  };
}
