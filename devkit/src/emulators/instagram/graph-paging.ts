import { graphFailures } from "./graph-failure.ts";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  after: string | null;
  limit: number;
}

export interface EmulatedPage<T> {
  data: T[];
  paging?: { cursors: { before: string; after: string }; next?: string };
}

const encode = (key: string) => Buffer.from(key, "utf8").toString("base64url");

function decode(cursor: string): string {
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  if (!key || encode(key) !== cursor) throw graphFailures.invalidParameter("The after parameter is not a valid cursor");
  return key;
}

export function readPageRequest(url: URL, defaultLimit = DEFAULT_PAGE_SIZE): PageRequest {
  const limit = Number(url.searchParams.get("limit") ?? defaultLimit);
  if (!Number.isInteger(limit) || limit < 1) throw graphFailures.invalidParameter("limit must be a positive integer");
  return { after: url.searchParams.get("after"), limit: Math.min(limit, MAX_PAGE_SIZE) };
}

/**
 * One page of `items` (sorted by `keyOf`, ascending) in Graph's shape: `data`, then
 * `paging.cursors.before/after`, and `paging.next` only when more items follow. Cursors name a
 * position, not an offset, so comments added or deleted between two calls neither repeat nor
 * skip anything. An empty page carries no paging, as Graph's does.
 */
export function pageOf<T, R>(
  items: readonly T[],
  keyOf: (item: T) => string,
  request: PageRequest,
  render: (item: T) => R,
  nextUrl: (after: string) => string,
): EmulatedPage<R> {
  const afterKey = request.after ? decode(request.after) : null;
  const start = afterKey === null ? 0 : items.findIndex((item) => keyOf(item) > afterKey);
  const slice = start < 0 ? [] : items.slice(start, start + request.limit);
  const first = slice[0];
  const last = slice[slice.length - 1];
  if (first === undefined || last === undefined) return { data: [] };
  const after = encode(keyOf(last));
  const more = start + slice.length < items.length;
  return {
    data: slice.map(render),
    paging: { cursors: { before: encode(keyOf(first)), after }, ...(more && { next: nextUrl(after) }) },
  };
}
