import { http, HttpResponse, type RequestHandler } from "msw";
import { coverResponse } from "../cover-picture.ts";
import { GraphFailure, graphFailures } from "./graph-failure.ts";
import { parseFields, project, type FieldSpec } from "./graph-fields.ts";
import { pageOf, readPageRequest, DEFAULT_PAGE_SIZE } from "./graph-paging.ts";
import { commentKey, type EmulatedAccount, type EmulatedComment, type EmulatedMedia, type GraphCall, type InstagramWorld } from "./instagram-world.ts";

export const GRAPH_HOSTS = ["https://graph.instagram.com", "https://graph.facebook.com"];
/** Where Meta's CDN serves the emulated media's pictures. */
const INSTAGRAM_CDN = "https://scontent.cdninstagram.com";
const instagramCoverUrl = (mediaId: string) => `${INSTAGRAM_CDN}/v/t51.2885-15/${mediaId}_n.png?_nc_cat=1&_nc_sid=18de74`;

const ACCOUNT_FIELDS = ["id", "user_id", "username", "name", "account_type", "media_count"] as const;
const MEDIA_FIELDS = [
  "id",
  "caption",
  "media_type",
  "media_product_type",
  "timestamp",
  "permalink",
  "thumbnail_url",
  "media_url",
  "comments_count",
  "like_count",
  "username",
  "is_comment_enabled",
] as const;
const COMMENT_FIELDS = ["id", "text", "timestamp", "username", "from", "like_count", "parent_id", "hidden", "media", "replies"] as const;

/** What Graph returns when no `fields` are asked for. */
const DEFAULT_FIELDS = { account: "id,username", media: "id", comment: "id,text,timestamp" };

/** Graph's time format: ISO 8601 with a `+0000` offset and no milliseconds. */
export const graphTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "+0000");

function fieldsToString(specs: FieldSpec[]): string {
  return specs
    .map((spec) => `${spec.name}${spec.limit ? `.limit(${spec.limit})` : ""}${spec.sub ? `{${fieldsToString(spec.sub)}}` : ""}`)
    .join(",");
}

interface RequestContext {
  world: InstagramWorld;
  url: URL;
  /** `https://graph.instagram.com/v21.0`, for `paging.next` URLs. */
  base: string;
  token: string;
  params: URLSearchParams;
  json: unknown;
}

function fieldsOf(ctx: RequestContext, fallback: string): FieldSpec[] {
  return parseFields(ctx.params.get("fields") ?? fallback);
}

/** Graph writes the token into `next` URLs; the emulator does too, so clients must not store them. */
function nextUrl(ctx: RequestContext, path: string, query: Record<string, string>) {
  return (after: string) => {
    const next = new URL(`${ctx.base}${path}`);
    for (const [key, value] of Object.entries(query)) next.searchParams.set(key, value);
    next.searchParams.set("access_token", ctx.token);
    next.searchParams.set("after", after);
    return next.toString();
  };
}

function renderAccount(ctx: RequestContext, account: EmulatedAccount) {
  return project(fieldsOf(ctx, DEFAULT_FIELDS.account), "IGUser", ACCOUNT_FIELDS, (spec) => {
    switch (spec.name) {
      case "id":
      case "user_id":
        return account.id;
      case "username":
      case "name":
        return account.username;
      case "account_type":
        return "BUSINESS";
      case "media_count":
        return ctx.world.mediaOf(account.id).length;
    }
  });
}

function renderMedia(ctx: RequestContext, specs: FieldSpec[], media: EmulatedMedia) {
  return project(specs, "IGMedia", MEDIA_FIELDS, (spec) => {
    const account = ctx.world.getAccount(media.accountId);
    switch (spec.name) {
      case "id":
        return media.id;
      case "caption":
        return media.caption;
      case "media_type":
        return media.mediaType;
      case "media_product_type":
        return media.productType;
      case "timestamp":
        return graphTime(media.timestamp);
      case "permalink":
        return `https://www.instagram.com/reel/${media.id.slice(-11)}/`;
      // Graph gives a video its cover picture and an image its own file as media_url.
      case "thumbnail_url":
        return media.mediaType === "VIDEO" ? instagramCoverUrl(media.id) : undefined;
      case "media_url":
        return media.mediaType === "VIDEO" ? `https://scontent.cdninstagram.com/o1/v/t16/f2/m86/${media.id}.mp4` : instagramCoverUrl(media.id);
      case "comments_count":
        return ctx.world.visibleThread(media.id).reduce((n, c) => n + 1 + ctx.world.visibleThread(c.id).length, 0);
      case "like_count":
        return 0;
      case "username":
        return account?.username;
      case "is_comment_enabled":
        return true;
    }
  });
}

function renderComment(ctx: RequestContext, specs: FieldSpec[], comment: EmulatedComment): Record<string, unknown> {
  return project(specs, "IGComment", COMMENT_FIELDS, (spec) => {
    switch (spec.name) {
      case "id":
        return comment.id;
      case "text":
        return comment.text;
      case "timestamp":
        return graphTime(comment.timestamp);
      case "username":
        return comment.from.username;
      case "from":
        return project(spec.sub ?? parseFields("id,username"), "IGCommentFromUser", ["id", "username"], (sub) =>
          sub.name === "id" ? comment.from.id : comment.from.username,
        );
      case "like_count":
        return comment.likeCount;
      case "parent_id":
        return comment.parentId ?? undefined;
      case "hidden":
        return comment.hidden;
      case "media": {
        const media = ctx.world.getMedia(comment.mediaId);
        return project(spec.sub ?? parseFields("id"), "IGMedia", ["id", "media_product_type"], (sub) =>
          sub.name === "id" ? comment.mediaId : media?.productType,
        );
      }
      case "replies": {
        // Graph nests one level: a reply has no replies edge worth showing.
        if (comment.parentId) return undefined;
        const replies = ctx.world.visibleThread(comment.id);
        if (replies.length === 0) return undefined;
        const sub = spec.sub ?? parseFields(DEFAULT_FIELDS.comment);
        const limit = spec.limit ?? DEFAULT_PAGE_SIZE;
        return pageOf(replies, commentKey, { after: null, limit }, (reply) => renderComment(ctx, sub, reply), nextUrl(ctx, `/${comment.id}/replies`, { fields: fieldsToString(sub), limit: String(limit) }));
      }
    }
  });
}

function listPage<T>(ctx: RequestContext, path: string, items: readonly T[], keyOf: (item: T) => string, render: (item: T) => unknown) {
  const request = readPageRequest(ctx.url);
  const query: Record<string, string> = { limit: String(request.limit) };
  const fields = ctx.params.get("fields");
  if (fields) query.fields = fields;
  return pageOf(items, keyOf, request, render, nextUrl(ctx, path, query));
}

/** Answers one Graph call against the world, or throws a `GraphFailure`. */
function route(ctx: RequestContext, method: string, account: EmulatedAccount, nodeId: string, edge: string | null): unknown {
  const { world } = ctx;
  const isAccount = nodeId === "me" || nodeId === account.id;
  const comment = world.getComment(nodeId);
  const media = world.getMedia(nodeId);

  if (isAccount) {
    if (method === "GET" && edge === null) return renderAccount(ctx, account);
    if (method === "GET" && edge === "media") {
      const specs = fieldsOf(ctx, DEFAULT_FIELDS.media);
      return listPage(ctx, `/${nodeId}/media`, world.mediaOf(account.id), (m) => `${String(9e15 - m.timestamp.getTime()).padStart(17, "0")}|${m.id}`, (m) => renderMedia(ctx, specs, m));
    }
    if (method === "POST" && edge === "messages") {
      const sent = world.send(account, ctx.json);
      return { recipient_id: sent.recipientId, message_id: sent.messageId };
    }
  } else if (media) {
    world.ownedMedia(account, nodeId);
    if (method === "GET" && edge === null) return renderMedia(ctx, fieldsOf(ctx, DEFAULT_FIELDS.media), media);
    if (method === "GET" && edge === "comments") {
      const specs = fieldsOf(ctx, DEFAULT_FIELDS.comment);
      return listPage(ctx, `/${nodeId}/comments`, world.visibleThread(media.id), commentKey, (c) => renderComment(ctx, specs, c));
    }
  } else if (comment) {
    world.ownedComment(account, nodeId);
    if (method === "GET" && edge === null) return renderComment(ctx, fieldsOf(ctx, DEFAULT_FIELDS.comment), comment);
    if (method === "GET" && edge === "replies") {
      const specs = fieldsOf(ctx, DEFAULT_FIELDS.comment);
      return listPage(ctx, `/${nodeId}/replies`, world.visibleThread(comment.id), commentKey, (c) => renderComment(ctx, specs, c));
    }
    if (method === "POST" && edge === "replies") return { id: world.replyToComment(account, nodeId, ctx.params.get("message") ?? "").id };
    if (method === "POST" && edge === null) {
      const hide = ctx.params.get("hide");
      if (hide !== "true" && hide !== "false") throw graphFailures.invalidParameter("The parameter hide is required");
      world.setHidden(account, nodeId, hide === "true");
      return { success: true };
    }
    if (method === "DELETE" && edge === null) {
      world.deleteComment(account, nodeId);
      return { success: true };
    }
  }
  throw graphFailures.noSuchObject(nodeId);
}

/** Query and form parameters together (Graph takes either), plus a JSON body if one was sent. */
async function readParams(request: Request, url: URL): Promise<{ params: URLSearchParams; json: unknown }> {
  const params = new URLSearchParams(url.searchParams);
  let json: unknown;
  if (request.method !== "GET" && request.method !== "DELETE") {
    const text = await request.text();
    const type = request.headers.get("content-type") ?? "";
    if (type.includes("application/json")) {
      try {
        json = JSON.parse(text);
      } catch {
        throw graphFailures.invalidParameter("The request body is not valid JSON");
      }
    } else {
      for (const [key, value] of new URLSearchParams(text)) params.set(key, value);
      // Form-encoded Send API calls carry `recipient` and `message` as JSON strings.
      const recipient = params.get("recipient");
      const message = params.get("message");
      if (recipient && message && url.pathname.endsWith("/messages")) {
        try {
          json = { recipient: JSON.parse(recipient), message: JSON.parse(message) };
        } catch {
          throw graphFailures.invalidParameter("recipient and message must be JSON");
        }
      }
    }
  }
  return { params, json };
}

/** The recipient of a Send API call (`recipient.comment_id` or `recipient.id`), if this is one. */
function sendTarget(json: unknown): string | null {
  if (typeof json !== "object" || json === null || !("recipient" in json)) return null;
  const recipient = json.recipient;
  if (typeof recipient !== "object" || recipient === null) return null;
  const target = "comment_id" in recipient ? recipient.comment_id : "id" in recipient ? recipient.id : null;
  return typeof target === "string" ? target : null;
}

function tokenOf(request: Request, params: URLSearchParams): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? params.get("access_token");
}

function usageHeader(world: InstagramWorld, account: EmulatedAccount): Record<string, string> {
  return { "x-business-use-case-usage": JSON.stringify({ [account.id]: [{ type: "instagram", ...world.usageOf(account.id) }] }) };
}

/**
 * msw handlers that serve an `InstagramWorld` as the Graph API on graph.instagram.com and
 * graph.facebook.com, any version: field selection, cursor paging, Meta's error envelopes, the
 * usage header, Business Use Case throttling, and the failures the world's `faults` inject.
 * Every call is recorded in `world.calls`.
 */
export function instagramGraphHandlers(world: InstagramWorld, hosts: string[] = GRAPH_HOSTS): RequestHandler[] {
  const handle = async (request: Request, version: string, nodeId: string, edge: string | null) => {
    const url = new URL(request.url);
    const call: GraphCall = { method: request.method, nodeId, edge, after: url.searchParams.get("after"), accountId: null, status: 200, at: world.now() };
    world.calls.push(call);
    let account: EmulatedAccount | undefined;
    try {
      const { params, json } = await readParams(request, url);
      const token = tokenOf(request, params);
      call.accountId = world.tokenOwner(token)?.id ?? null;
      account = world.authenticate(token);
      const fault = world.faults.take({ method: request.method, nodeId, edge, accountId: account.id, target: sendTarget(json) });
      if (fault === "hang") {
        // Status 0: no answer was ever given, as for a request whose caller died.
        call.status = 0;
        await world.faults.waitUntilReleased();
        return HttpResponse.error();
      }
      if (fault && fault !== "lose-answer") throw fault;
      world.checkBudget(account);
      const ctx: RequestContext = { world, url, base: `${url.origin}/${version}`, token: token ?? "", params, json };
      const body = route(ctx, request.method, account, nodeId, edge) as object;
      if (fault === "lose-answer") {
        // Instagram acted; the caller sees a dropped connection.
        call.answerLost = true;
        return HttpResponse.error();
      }
      return HttpResponse.json(body, { headers: usageHeader(world, account) });
    } catch (error) {
      if (!(error instanceof GraphFailure)) throw error;
      call.status = error.status;
      return HttpResponse.json(error.envelope(), {
        status: error.status,
        headers: { ...error.headers, ...(account && usageHeader(world, account)) },
      });
    }
  };
  const cover = http.get(`${INSTAGRAM_CDN}/v/t51.2885-15/:file`, ({ request, params }) => {
    const mediaId = String(params.file).replace(/_n\.png$/, "");
    return world.getMedia(mediaId) ? coverResponse(new URL(request.url), mediaId) : new HttpResponse("Not Found", { status: 404 });
  });
  return [
    cover,
    ...hosts.flatMap((host) => [
      http.all(`${host}/:version/:node`, ({ request, params }) => handle(request, String(params.version), String(params.node), null)),
      http.all(`${host}/:version/:node/:edge`, ({ request, params }) =>
        handle(request, String(params.version), String(params.node), String(params.edge)),
      ),
    ]),
  ];
}
