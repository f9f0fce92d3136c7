import { z } from "zod";
import { graphId, graphPageSchema, type GraphPage } from "./graph-schemas.ts";

/**
 * The stored form of one polled page of comments (format `instagram.graph_comments`): the
 * page's items exactly as Graph sent them, plus what the page itself does not say: whose
 * account and which media it was read for, the parent when it is a page of replies, and when it
 * was fetched. Paging URLs are dropped: they carry the access token.
 */
export const graphCommentsEventSchema = z.object({
  accountId: graphId,
  /** The account's handle, to recognise the brand's own comments by name as well as by id. */
  accountUsername: z.string().max(200).nullish(),
  mediaId: graphId,
  mediaProductType: z.string().max(50).nullish(),
  /** Set for a page of `/{comment-id}/replies`. */
  parentId: graphId.nullish(),
  /** Milliseconds since the epoch; stands in for a comment's time when its own is unreadable. */
  fetchedAt: z.number().int().min(0).max(8.64e15),
  page: graphPageSchema,
});
export type GraphCommentsEvent = z.infer<typeof graphCommentsEventSchema>;

export interface GraphCommentsEventInput {
  accountId: string;
  accountUsername: string | null;
  mediaId: string;
  mediaProductType: string | null;
  parentId: string | null;
  fetchedAt: Date;
  page: GraphPage;
}

/**
 * The value with every `paging.next`/`paging.previous` removed, at any depth: Graph writes the
 * access token into those URLs, including those of a comment's nested `replies`.
 */
export function withoutPagingUrls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPagingUrls);
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === "paging" && inner !== null && typeof inner === "object" && !Array.isArray(inner)) {
      const { next: _next, previous: _previous, ...rest } = inner as Record<string, unknown>;
      copy[key] = withoutPagingUrls(rest);
    } else {
      copy[key] = withoutPagingUrls(inner);
    }
  }
  return copy;
}

export function graphCommentsEventBody(input: GraphCommentsEventInput): string {
  const event: GraphCommentsEvent = {
    accountId: input.accountId,
    accountUsername: input.accountUsername,
    mediaId: input.mediaId,
    mediaProductType: input.mediaProductType,
    parentId: input.parentId,
    fetchedAt: input.fetchedAt.getTime(),
    page: withoutPagingUrls(input.page) as GraphPage,
  };
  return JSON.stringify(event);
}
