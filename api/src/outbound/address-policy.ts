import ipaddr from "ipaddr.js";

/**
 * Which addresses the server may connect to when it fetches a URL someone typed in (the alert
 * webhook). Only globally routable unicast addresses: never loopback, private, link-local (the
 * cloud metadata address 169.254.169.254 is one), unique-local, multicast, carrier-grade NAT,
 * or the special ranges that can tunnel to them — unless the operator allows a host or a range.
 */
export interface OutboundPolicy {
  /** True when connecting to `address` for a URL naming `hostname` is allowed. */
  permits(hostname: string, address: string): boolean;
}

/** One `OUTBOUND_ALLOW` entry: a host name, an IP address or a CIDR range. */
export function isValidAllowEntry(entry: string): boolean {
  return ipaddr.isValidCIDR(entry) || ipaddr.isValid(entry) || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(entry);
}

export function createOutboundPolicy(allow: readonly string[] = []): OutboundPolicy {
  const hosts = new Set<string>();
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const entry of allow) {
    if (ipaddr.isValidCIDR(entry)) ranges.push(ipaddr.parseCIDR(entry));
    else if (ipaddr.isValid(entry)) {
      const address = ipaddr.process(entry);
      ranges.push([address, address.kind() === "ipv4" ? 32 : 128]);
    } else hosts.add(entry.toLowerCase());
  }

  return {
    permits(hostname, address) {
      if (hosts.has(hostname.toLowerCase().replace(/\.$/, ""))) return true;
      if (!ipaddr.isValid(address)) return false;
      // "::ffff:10.0.0.1" is 10.0.0.1: judge the IPv4 address it carries.
      const parsed = ipaddr.process(address);
      if (ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits))) return true;
      return parsed.range() === "unicast";
    },
  };
}
