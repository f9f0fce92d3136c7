import { randomBytes } from "node:crypto";
import { http, HttpResponse, type RequestHandler } from "msw";
import { coverResponse } from "../cover-picture.ts";
import type { EmulatedBusiness, EmulatedComment, TikTokBusinessWorld } from "./business-world.ts";

export const TIKTOK_BUSINESS_API = "https://business-api.tiktok.com/open_api/v1.3";

/** Codes the emulator answers with, as the API for Business documents them. */
const CODE = {
  ok: 0,
  invalidParams: 40002,
  rateLimited: 40100,
  tokenExpired: 40104,
  tokenInvalid: 40105,
  internal: 50000,
} as const;

/** Reply text limit of `/business/comment/reply/create/`. */
const MAX_REPLY_CHARS = 150;
/** How many replies `include_replies` puts inline under each comment. */
const INLINE_REPLIES = 3;
const MESSAGING_WINDOW_MS = 48 * 60 * 60_000;
const MAX_UNANSWERED_SENDS = 10;

class Refusal extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function requestId(now: Date): string {
  return `${now.toISOString().replace(/\D/g, "").slice(0, 14)}${randomBytes(9).toString("hex").toUpperCase()}`;
}

function envelope(world: TikTokBusinessWorld, code: number, message: string, data: unknown = {}) {
  return HttpResponse.json({ code, message, request_id: requestId(world.now()), data });
}

function commentJson(comment: EmulatedComment, world: TikTokBusinessWorld, withReplies: boolean, status: string): Record<string, unknown> {
  const replies = world.commentsOf(comment.videoId, comment.commentId).filter((r) => status === "ALL" || r.status === "PUBLIC");
  return {
    comment_id: comment.commentId,
    video_id: comment.videoId,
    user_id: comment.userId,
    unique_identifier: comment.username,
    create_time: Math.floor(comment.createdAt.getTime() / 1000),
    text: comment.text,
    likes: comment.likes,
    replies: comment.parentCommentId ? 0 : replies.length,
    owner: comment.owner,
    liked: false,
    pinned: false,
    status: comment.status,
    username: comment.username,
    profile_image: `https://p16-sign.tiktokcdn-us.com/emulated/${comment.userId}.jpeg`,
    ...(comment.parentCommentId && { parent_comment_id: comment.parentCommentId }),
    ...(withReplies &&
      !comment.parentCommentId && {
        reply_list: sortComments(replies, "create_time", "desc")
          .slice(0, INLINE_REPLIES)
          .map((reply) => commentJson(reply, world, false, status)),
      }),
  };
}

function sortComments(comments: EmulatedComment[], field: string, order: string): EmulatedComment[] {
  const key = (c: EmulatedComment) => (field === "likes" ? c.likes : c.createdAt.getTime());
  const sign = order === "asc" ? 1 : -1;
  // Ties broken by id, which grows with time (numeric ids: longer is larger), so paging is stable.
  const byId = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return [...comments].sort((a, b) => sign * (key(a) - key(b) || byId(a.commentId, b.commentId)));
}

function intParam(value: string | null | undefined, fallback: number, name: string, max: number): number {
  if (value === null || value === undefined || value === "") return fallback;
  if (!/^\d+$/.test(value)) throw new Refusal(CODE.invalidParams, `${name}: must be a non-negative integer.`);
  const n = Number(value);
  if (n > max) throw new Refusal(CODE.invalidParams, `${name}: must be at most ${max}.`);
  return n;
}

function page<T>(items: T[], cursor: number, maxCount: number) {
  const slice = items.slice(cursor, cursor + maxCount);
  const next = cursor + slice.length;
  return { slice, cursor: next, has_more: next < items.length };
}

/**
 * msw handlers that answer like the TikTok API for Business, from a `TikTokBusinessWorld`:
 * the `{code, message, request_id, data}` envelope, HTTP 200 for failures too, offset paging
 * with `cursor`/`has_more`, the `Access-Token` header, and the faults the world has queued.
 */
/** Where TikTok's CDN serves the emulated videos' covers. */
const TIKTOK_COVER_CDN = "https://p16-sign-va.tiktokcdn.com";

export function tiktokBusinessHandlers(world: TikTokBusinessWorld, baseUrl = TIKTOK_BUSINESS_API): RequestHandler[] {
  const base = baseUrl.replace(/\/$/, "");

  /** Runs one call: fault → auth → the endpoint, turning a refusal into its envelope. */
  const endpoint =
    (method: "GET" | "POST", handle: (input: { business: EmulatedBusiness; params: Record<string, unknown> }) => unknown) =>
    async ({ request }: { request: Request }) => {
      const url = new URL(request.url);
      let params: Record<string, unknown> = Object.fromEntries(url.searchParams);
      if (method === "POST") {
        try {
          params = (await request.json()) as Record<string, unknown>;
        } catch {
          return envelope(world, CODE.invalidParams, "Request body is not valid JSON.");
        }
      }
      world.calls.push({ method, path: url.pathname.slice(new URL(base).pathname.length), params, at: world.now() });

      const business = world.businessByToken(request.headers.get("access-token") ?? "");
      const fault = world.faults.take(business?.businessId ?? null);
      if (fault?.kind === "throttle") return envelope(world, CODE.rateLimited, "Too many requests. Please retry in some time.");
      if (fault?.kind === "http429") {
        return new HttpResponse("Too Many Requests", { status: 429, headers: { "Retry-After": String(fault.retryAfterSeconds) } });
      }
      if (fault?.kind === "server_error") return new HttpResponse("<html><body>502 Bad Gateway</body></html>", { status: 500 });
      if (fault?.kind === "internal_error") return envelope(world, CODE.internal, "Internal service error.");

      if (!business) return envelope(world, CODE.tokenInvalid, "Access token is incorrect or has been revoked.");
      if (business.tokenExpired) return envelope(world, CODE.tokenExpired, "Access token has expired.");
      if (params["business_id"] !== business.businessId) {
        return envelope(world, CODE.invalidParams, "business_id: does not match the access token.");
      }
      try {
        return envelope(world, CODE.ok, "OK", handle({ business, params }));
      } catch (error) {
        if (error instanceof Refusal) return envelope(world, error.code, error.message);
        throw error;
      }
    };

  const videoOf = (business: EmulatedBusiness, videoId: unknown) => {
    const video = typeof videoId === "string" ? world.videos.get(videoId) : undefined;
    if (!video || video.businessId !== business.businessId) throw new Refusal(CODE.invalidParams, "video_id: video not found.");
    return video;
  };
  const commentOf = (videoId: string, commentId: unknown) => {
    const comment = typeof commentId === "string" ? world.comments.get(commentId) : undefined;
    if (!comment || comment.videoId !== videoId) throw new Refusal(CODE.invalidParams, "comment_id: comment not found.");
    return comment;
  };
  const str = (value: unknown) => (typeof value === "string" ? value : undefined);

  return [
    http.get(`${TIKTOK_COVER_CDN}/obj/tos-maliva-p-0068/:file`, ({ request, params }) => {
      const itemId = String(params.file).replace(/~tplv-noop\.image$/, "");
      return world.videos.has(itemId) ? coverResponse(new URL(request.url), itemId, world.now()) : new HttpResponse("Not Found", { status: 404 });
    }),
    http.get(
      `${base}/business/video/list/`,
      endpoint("GET", ({ business, params }) => {
        const videos = [...world.videos.values()]
          .filter((v) => v.businessId === business.businessId)
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
        const { slice, cursor, has_more } = page(videos, intParam(str(params["cursor"]), 0, "cursor", 1e9), intParam(str(params["max_count"]), 20, "max_count", 20));
        return {
          videos: slice.map((v) => ({
            item_id: v.itemId,
            create_time: String(Math.floor(v.createdAt.getTime() / 1000)),
            caption: v.caption,
            share_url: `https://www.tiktok.com/@${business.username}/video/${v.itemId}`,
            // A signed cover link good for a day, as TikTok's CDN hands them out.
            thumbnail_url: `${TIKTOK_COVER_CDN}/obj/tos-maliva-p-0068/${v.itemId}~tplv-noop.image?x-expires=${Math.floor(world.now().getTime() / 1000) + 86_400}&x-signature=${v.itemId.slice(-8)}`,
          })),
          cursor,
          has_more,
        };
      }),
    ),

    http.get(
      `${base}/business/comment/list/`,
      endpoint("GET", ({ business, params }) => {
        const video = videoOf(business, params["video_id"]);
        const status = str(params["status"]) ?? "PUBLIC";
        const comments = sortComments(
          world.commentsOf(video.itemId, null).filter((c) => status === "ALL" || c.status === "PUBLIC"),
          str(params["sort_field"]) ?? "create_time",
          str(params["sort_order"]) ?? "desc",
        );
        const { slice, cursor, has_more } = page(comments, intParam(str(params["cursor"]), 0, "cursor", 1e9), intParam(str(params["max_count"]), 20, "max_count", 30));
        const withReplies = params["include_replies"] === "true";
        return { comments: slice.map((c) => commentJson(c, world, withReplies, status)), cursor, has_more };
      }),
    ),

    http.get(
      `${base}/business/comment/reply/list/`,
      endpoint("GET", ({ business, params }) => {
        const video = videoOf(business, params["video_id"]);
        const parent = commentOf(video.itemId, params["comment_id"]);
        const status = str(params["status"]) ?? "PUBLIC";
        const replies = sortComments(
          world.commentsOf(video.itemId, parent.commentId).filter((c) => status === "ALL" || c.status === "PUBLIC"),
          str(params["sort_field"]) ?? "create_time",
          str(params["sort_order"]) ?? "desc",
        );
        const { slice, cursor, has_more } = page(replies, intParam(str(params["cursor"]), 0, "cursor", 1e9), intParam(str(params["max_count"]), 20, "max_count", 30));
        return { comments: slice.map((c) => commentJson(c, world, false, status)), cursor, has_more };
      }),
    ),

    http.post(
      `${base}/business/comment/reply/create/`,
      endpoint("POST", ({ business, params }) => {
        const video = videoOf(business, params["video_id"]);
        const parent = commentOf(video.itemId, params["comment_id"]);
        const text = str(params["text"]) ?? "";
        if (text.trim() === "") throw new Refusal(CODE.invalidParams, "text: must not be empty.");
        if ([...text].length > MAX_REPLY_CHARS) throw new Refusal(CODE.invalidParams, `text: at most ${MAX_REPLY_CHARS} characters.`);
        const reply = world.addBrandReply(video.itemId, { businessId: business.businessId, username: business.username, text, parentCommentId: parent.commentId });
        return commentJson(reply, world, false, "ALL");
      }),
    ),

    http.post(
      `${base}/business/comment/hide/`,
      endpoint("POST", ({ business, params }) => {
        const video = videoOf(business, params["video_id"]);
        const comment = commentOf(video.itemId, params["comment_id"]);
        const action = params["action"];
        if (action !== "HIDE" && action !== "UNHIDE") throw new Refusal(CODE.invalidParams, "action: must be HIDE or UNHIDE.");
        world.setCommentVisibility(comment.commentId, action === "HIDE" ? "set_to_hidden" : "set_to_public");
        return {};
      }),
    ),

    http.post(
      `${base}/business/message/send/`,
      endpoint("POST", ({ business, params }) => {
        if (params["recipient_type"] !== "CONVERSATION") throw new Refusal(CODE.invalidParams, "recipient_type: must be CONVERSATION.");
        if (params["message_type"] !== "TEXT") throw new Refusal(CODE.invalidParams, "message_type: only TEXT is emulated.");
        const conversation = world.conversations.get(str(params["recipient"]) ?? "");
        if (!conversation || conversation.businessId !== business.businessId) {
          throw new Refusal(CODE.invalidParams, "recipient: conversation not found.");
        }
        const body = (params["text"] as { body?: unknown } | undefined)?.body;
        if (typeof body !== "string" || body.trim() === "") throw new Refusal(CODE.invalidParams, "text.body: must not be empty.");
        const fromCustomer = conversation.messages.filter((m) => m.fromUserId === conversation.customerId);
        const lastFromCustomer = fromCustomer.at(-1);
        if (!lastFromCustomer) throw new Refusal(CODE.invalidParams, "The customer must send the first message.");
        if (world.now().getTime() - lastFromCustomer.at.getTime() > MESSAGING_WINDOW_MS) {
          throw new Refusal(CODE.invalidParams, "The 48-hour window to reply has closed.");
        }
        const unanswered = conversation.messages.filter((m) => m.at >= lastFromCustomer.at && m.fromUserId === business.businessId);
        if (unanswered.length >= MAX_UNANSWERED_SENDS) {
          throw new Refusal(CODE.invalidParams, `At most ${MAX_UNANSWERED_SENDS} messages before the customer answers.`);
        }
        const sent = world.recordSentDm(conversation, body);
        return { message: { message_id: sent.messageId } };
      }),
    ),
  ];
}
