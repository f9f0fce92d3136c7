import type { MiddlewareHandler } from "hono";
import { ApiError } from "../errors/api-error.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses cross-site requests that change something, before any handler runs. The session
 * cookie is SameSite=Lax, which already keeps it off most cross-site POSTs; this is the second
 * lock, and the one that also holds for a sibling subdomain ("same-site" but not same-origin)
 * and for routes with no body (hide, undo, logout, test alert).
 *
 * A browser says where a request comes from (`Sec-Fetch-Site`, else `Origin`); a request that
 * says neither is not from a browser page and cannot ride a user's cookie. A body must be JSON:
 * HTML forms can only send urlencoded, multipart or text/plain bodies (and always say so).
 */
export const crossSiteGuard: MiddlewareHandler = async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();

  const fetchSite = c.req.header("sec-fetch-site");
  const origin = c.req.header("origin");
  if (fetchSite !== undefined) {
    if (fetchSite !== "same-origin" && fetchSite !== "none") throw crossSite();
  } else if (origin !== undefined && !sameHost(origin, c.req.header("host"))) {
    throw crossSite();
  }

  const contentType = c.req.header("content-type");
  if ((contentType !== undefined || declaresBody(c.req.raw)) && !isJson(contentType)) {
    throw new ApiError("forbidden", "Requests that change data must send a JSON body (Content-Type: application/json).");
  }
  return next();
};

function crossSite() {
  return new ApiError("forbidden", "Cross-site requests cannot change data.");
}

function sameHost(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" (sandboxed frames, file:) or garbage
  }
}

/**
 * Whether the request says it carries a body. Only its headers can tell: the server hands every
 * non-GET request a body stream, empty or not, and a browser's body-less DELETE has neither a
 * length nor a type.
 */
function declaresBody(request: Request): boolean {
  const length = request.headers.get("content-length");
  return (length !== null && Number(length) > 0) || request.headers.has("transfer-encoding");
}

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  return mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}
