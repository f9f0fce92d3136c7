import type { OutboundFetch } from "./outbound-fetch.ts";
import { isOnHost } from "../lib/is-on-host.ts";

/**
 * Demo mode and tests answer the platforms' APIs with emulators in this process, which listen
 * on the global `fetch`; the checked fetch opens its own connections and would go past them (to
 * the real platform, or nowhere). So requests to a platform's own origins and picture hosts
 * (fixed by the code and configuration, never typed in by a user) take the global fetch, and
 * everything else — the alert webhook's URL — stays checked.
 */
export function platformsInProcess(checked: OutboundFetch, platform: { origins: readonly string[]; hosts: readonly string[] }): OutboundFetch {
  const origins = new Set(platform.origins);
  return (url, init) => {
    const target = new URL(url);
    const emulated = origins.has(target.origin) || (target.protocol === "https:" && isOnHost(target.hostname, platform.hosts));
    return emulated ? fetch(url, { ...init, redirect: "manual" }) : checked(url, init);
  };
}
