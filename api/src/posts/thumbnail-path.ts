import { createHash } from "node:crypto";

/**
 * Where the console loads a post's picture: Surgedesk's own address (the browser never calls
 * the platform's CDN, so no agent's address or cookie goes there, and the page's CSP stays
 * `img-src 'self'`). The version is a digest of the CDN link, so a renewed link is a new address
 * and the long browser cache never shows a stale picture.
 */
export function postThumbnailPath(post: { id: string; thumbnailUrl: string | null }): string | null {
  if (!post.thumbnailUrl) return null;
  const version = createHash("sha256").update(post.thumbnailUrl).digest("base64url").slice(0, 12);
  return `/api/posts/${encodeURIComponent(post.id)}/thumbnail?v=${version}`;
}
