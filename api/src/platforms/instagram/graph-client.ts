import type { z } from "zod";
import { PlatformApiError } from "../../connectors/contract.ts";
import { parseGraphUsage, suggestedSlowDownMs } from "./business-usage.ts";
import { graphErrorEnvelopeSchema, graphErrorFromResponse } from "./graph-error.ts";
import {
  graphCreatedSchema,
  graphPageSchema,
  graphSentMessageSchema,
  graphSuccessSchema,
  nextAfter,
  type GraphPage,
} from "./graph-schemas.ts";

/** What Surgedesk asks of a comment; `from` is the commenter's Instagram-scoped id and name. */
export const COMMENT_FIELDS = "id,text,timestamp,username,from,like_count,parent_id,hidden,media{id,media_product_type}";
/** A comments page with each comment's first page of replies, so most threads cost one call. */
export const COMMENT_PAGE_FIELDS = `${COMMENT_FIELDS},replies{${COMMENT_FIELDS}}`;
export const MEDIA_FIELDS = "id,timestamp,media_product_type,media_type,caption,permalink,thumbnail_url,media_url,comments_count";
/** Items per page; Graph's default is 25. */
export const GRAPH_PAGE_SIZE = 50;

export interface GraphClientOptions {
  /** e.g. `https://graph.instagram.com/v21.0` (config.apiUrls.instagramGraph). */
  baseUrl: string;
  accessToken: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /**
   * Where the token goes. The default, an `Authorization: Bearer` header, keeps it out of URLs
   * (and so out of logs and proxies); `query` is the `access_token` parameter of Meta's docs.
   */
  tokenIn?: "header" | "query";
}

export interface GraphResponse<T> {
  body: T;
  /** Set when the usage headers say the account is near or over its budget: pause it this long. */
  slowDownMs: number | undefined;
}

export interface GraphListResponse extends GraphResponse<GraphPage> {
  /** The cursor of the next page, or null when this was the last. */
  after: string | null;
}

export interface PageRequest {
  after?: string | null | undefined;
  limit?: number;
}

type Params = Record<string, string>;
interface RequestParts {
  query?: Params;
  form?: Params;
  json?: unknown;
}

export type GraphClient = ReturnType<typeof createGraphClient>;

/**
 * A small typed client for the Instagram Graph API over `fetch`. It does not retry: a poll is
 * retried by the sync scheduler and a send by the outbox, which own the backoff; the client
 * only says what went wrong, as a `PlatformApiError`.
 */
export function createGraphClient(options: GraphClientOptions) {
  const { baseUrl, accessToken, timeoutMs = 30_000, tokenIn = "header" } = options;
  const doFetch = options.fetch ?? fetch;

  async function call<S extends z.ZodType>(method: string, path: string, parts: RequestParts, schema: S) {
    const url = new URL(`${baseUrl.replace(/\/$/, "")}${path}`);
    for (const [key, value] of Object.entries(parts.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = { accept: "application/json" };
    if (tokenIn === "query") url.searchParams.set("access_token", accessToken);
    else headers.authorization = `Bearer ${accessToken}`;
    let body: string | undefined;
    if (parts.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(parts.json);
    } else if (parts.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(parts.form).toString();
    }

    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
      text = await response.text();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PlatformApiError("transient", `Instagram Graph API unreachable: ${reason}`);
    }
    const usage = parseGraphUsage(response.headers);
    if (!response.ok) throw graphErrorFromResponse(response.status, response.headers, text, usage?.regainAccessMs);

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PlatformApiError("transient", `Instagram Graph API answered HTTP ${response.status} with a body that is not JSON`);
    }
    // Graph has answered errors with HTTP 200 before; the envelope decides, not the status.
    if (graphErrorEnvelopeSchema.safeParse(json).success) {
      throw graphErrorFromResponse(response.status, response.headers, text, usage?.regainAccessMs);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      // The path is made of the body's own keys: keep it printable and short for the cursor's last error.
      const where = (parsed.error.issues[0]?.path.map(String).join(".") || "body").replace(/[^\x20-\x7e]/g, "?").slice(0, 100);
      throw new PlatformApiError("rejected", `Instagram Graph API ${method} ${path}: unexpected response shape at ${where}`);
    }
    return { body: parsed.data as z.infer<S>, slowDownMs: suggestedSlowDownMs(usage) };
  }

  async function list(path: string, fields: string, page: PageRequest): Promise<GraphListResponse> {
    const query: Params = { fields, limit: String(page.limit ?? GRAPH_PAGE_SIZE) };
    if (page.after) query.after = page.after;
    const response = await call("GET", path, { query }, graphPageSchema);
    return { ...response, after: nextAfter(response.body.paging) };
  }

  const node = (id: string) => `/${encodeURIComponent(id)}`;

  return {
    /** The account's media, newest first; `userId` "me" is the token's own account. */
    listMedia(page: PageRequest & { userId?: string } = {}) {
      return list(`${node(page.userId ?? "me")}/media`, MEDIA_FIELDS, page);
    },
    listComments(mediaId: string, page: PageRequest = {}) {
      return list(`${node(mediaId)}/comments`, COMMENT_PAGE_FIELDS, page);
    },
    listReplies(commentId: string, page: PageRequest = {}) {
      return list(`${node(commentId)}/replies`, COMMENT_FIELDS, page);
    },
    /** A public reply; Instagram allows it on top-level comments only. */
    async replyToComment(commentId: string, message: string) {
      return call("POST", `${node(commentId)}/replies`, { form: { message } }, graphCreatedSchema);
    },
    async setHidden(commentId: string, hidden: boolean) {
      return call("POST", node(commentId), { form: { hide: String(hidden) } }, graphSuccessSchema);
    },
    async deleteComment(commentId: string) {
      return call("DELETE", node(commentId), {}, graphSuccessSchema);
    },
    /** Comment → DM: one per comment, within 7 days of it. */
    async sendPrivateReply(igUserId: string, commentId: string, text: string) {
      const json = { recipient: { comment_id: commentId }, message: { text } };
      return call("POST", `${node(igUserId)}/messages`, { json }, graphSentMessageSchema);
    },
    /** A DM to a customer by their Instagram-scoped id, within 24 h of their last message. */
    async sendMessage(igUserId: string, igsid: string, text: string) {
      const json = { recipient: { id: igsid }, message: { text } };
      return call("POST", `${node(igUserId)}/messages`, { json }, graphSentMessageSchema);
    },
  };
}
