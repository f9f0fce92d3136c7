/**
 * Whether a hostname is one of the hosts or a subdomain of one: `scontent-iad3-1.cdninstagram.com`
 * is on `cdninstagram.com`; `evilcdninstagram.com` and `cdninstagram.com.evil.test` are not.
 */
export function isOnHost(hostname: string, hosts: readonly string[]): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return hosts.some((host) => name === host || name.endsWith(`.${host}`));
}
