import type { OutboundFetch } from "./outbound-fetch.ts";

/**
 * Demo mode and tests answer the platforms' APIs with emulators in this process, which listen
 * on the global `fetch`; the checked fetch opens its own connections and would go past them (to
 * the real platform, or nowhere). So requests to a platform's own origins (fixed by the
 * configuration, never typed in by a user) take the global fetch, and everything else — the
 * alert webhook's URL — stays checked.
 */
export function platformsInProcess(checked: OutboundFetch, platformOrigins: readonly string[]): OutboundFetch {
  const origins = new Set(platformOrigins);
  return (url, init) => (origins.has(new URL(url).origin) ? fetch(url, { ...init, redirect: "manual" }) : checked(url, init));
}
