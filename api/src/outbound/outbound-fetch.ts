import { lookup, type LookupAddress } from "node:dns";
import ipaddr from "ipaddr.js";
import { Agent, fetch as undiciFetch } from "undici";
import type { OutboundPolicy } from "./address-policy.ts";

/** A fetch for URLs that come from users; refused targets throw `OutboundRefusedError`. */
export type OutboundFetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The one reason a refused target gets: the same words whether or not anything listens there,
 * so the refusal cannot be used to scan the private network.
 */
export class OutboundRefusedError extends Error {
  constructor() {
    super("refused: private address");
    this.name = "OutboundRefusedError";
  }
}

/**
 * Fetches with the address check done inside the connection's own DNS lookup: the addresses
 * checked are the addresses connected to, so a name cannot resolve to a public address for the
 * check and to a private one for the connection (DNS rebinding). A URL that names an IP literal
 * gets no lookup, so it is checked up front. Redirects are never followed: a public receiver
 * must not be able to bounce the request inward.
 */
export function createOutboundFetch(policy: OutboundPolicy, options: { resolve?: Resolve } = {}): OutboundFetch {
  const resolve = options.resolve ?? systemResolve;
  const dispatcher = new Agent({
    connect: {
      lookup(hostname, lookupOptions, callback) {
        resolve(hostname, (error, addresses) => {
          if (error) return callback(error, "", 0);
          if (addresses.length === 0 || addresses.some((a) => !policy.permits(hostname, a.address))) {
            return callback(new OutboundRefusedError(), "", 0);
          }
          if (lookupOptions.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
          return callback(null, addresses[0]!.address, addresses[0]!.family);
        });
      },
    },
  });

  return async (url, init) => {
    const target = new URL(url);
    if (target.protocol !== "http:" && target.protocol !== "https:") throw new OutboundRefusedError();
    const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
    if (ipaddr.isValid(host) && !policy.permits(host, host)) throw new OutboundRefusedError();
    try {
      const response = await undiciFetch(url, { ...(init as object), redirect: "manual", dispatcher });
      return response as unknown as Response;
    } catch (error) {
      if (causedByRefusal(error)) throw new OutboundRefusedError();
      throw error;
    }
  };
}

/** Every address a name resolves to (tests give names their own answers). */
export type Resolve = (hostname: string, callback: (error: Error | null, addresses: LookupAddress[]) => void) => void;

const systemResolve: Resolve = (hostname, callback) =>
  lookup(hostname, { all: true, verbatim: true }, (error, addresses) => callback(error, addresses ?? []));

function causedByRefusal(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof OutboundRefusedError) return true;
  return false;
}
