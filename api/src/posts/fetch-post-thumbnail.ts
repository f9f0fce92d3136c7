import type { OutboundFetch } from "../outbound/outbound-fetch.ts";
import { isOnHost } from "../lib/is-on-host.ts";
import { imageTypeOf } from "./image-type.ts";

/** A cover picture is a few tens of kilobytes; anything much larger is not one. */
export const THUMBNAIL_MAX_BYTES = 1_000_000;
const TIMEOUT_MS = 8_000;

export type ThumbnailFetch =
  | { ok: true; type: string; bytes: Uint8Array }
  | { ok: false; reason: "not_allowed" | "unavailable" | "not_a_picture" };

/**
 * Fetches a post's picture from its platform's CDN. The address came from the platform's API,
 * but it is still text from the internet: only https on one of the platform's own picture hosts,
 * through the outbound fetch (no private addresses, no redirects), at most 1 MB, and only bytes
 * that really are a raster picture.
 */
export async function fetchPostThumbnail(fetch: OutboundFetch, url: string, hosts: readonly string[]): Promise<ThumbnailFetch> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, reason: "not_allowed" };
  }
  if (target.protocol !== "https:" || target.username || target.password || !isOnHost(target.hostname, hosts)) return { ok: false, reason: "not_allowed" };

  let response: Response;
  try {
    response = await fetch(target.href, { method: "GET", headers: { accept: "image/*" }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    return { ok: false, reason: "unavailable" };
  }
  // Signed CDN links expire (403/404); the next media poll brings a fresh one.
  if (response.status !== 200 || !response.body) {
    // Not awaited: a body being cancelled need not finish arriving first.
    void response.body?.cancel().catch(() => undefined);
    return { ok: false, reason: "unavailable" };
  }
  const bytes = await readAtMost(response.body, THUMBNAIL_MAX_BYTES);
  if (!bytes) return { ok: false, reason: "not_a_picture" };
  const type = imageTypeOf(bytes);
  return type ? { ok: true, type, bytes } : { ok: false, reason: "not_a_picture" };
}

async function readAtMost(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        void reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
  } catch {
    return null;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
