import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";

/**
 * The address a request came from, for per-client limits. `X-Forwarded-For` is anyone's to
 * write, so it is read only when the operator says how many proxies of theirs stand in front
 * (`TRUST_PROXY`): the client is then the entry that many hops from the right, the one the
 * outermost trusted proxy saw. Otherwise the socket's own peer address is used.
 */
export function clientAddress(c: Context, trustProxyHops: number): string {
  if (trustProxyHops > 0) {
    const hops = (c.req.header("x-forwarded-for") ?? "").split(",").map((part) => part.trim()).filter(Boolean);
    const client = hops[hops.length - trustProxyHops];
    if (client) return client;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // Requests handed to the app in-process (tests) have no socket.
    return "unknown";
  }
}
