/**
 * What a link's host says, as deterministic rules: shorteners hide where a link goes, chat
 * links pull buyers off-platform, and throwaway TLDs are where fake shops live. Genuine
 * customers rarely post any of the three; spam bots post little else.
 */

export const LINK_RULES = ["shortener", "messaging", "suspicious_tld"] as const;
export type LinkRule = (typeof LINK_RULES)[number];

const SHORTENERS = new Set([
  "bit.ly",
  "tinyurl.com",
  "cutt.ly",
  "goo.gl",
  "rb.gy",
  "is.gd",
  "ow.ly",
  "shorturl.at",
  "tiny.cc",
  "linktr.ee",
  "rebrand.ly",
  "s.id",
]);
const MESSAGING = /(?:^|\.)(?:wa\.me|t\.me|telegram\.(?:me|org)|whatsapp\.com|chat\.whatsapp\.com|m\.me)$/;
const SUSPICIOUS_TLD = /\.(?:top|xyz|icu|buzz|click|tk|ml|ga|cf|gq|live|vip|online|site|work|loan|win)$/;

export function hostOf(url: string): string {
  const withoutScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  const host = withoutScheme.split(/[/?#:]/, 1)[0] ?? "";
  return host.toLowerCase().replace(/^www\./, "");
}

export function linkRules(urls: readonly string[]): LinkRule[] {
  const fired = new Set<LinkRule>();
  for (const url of urls) {
    const host = hostOf(url);
    if (SHORTENERS.has(host)) fired.add("shortener");
    if (MESSAGING.test(host)) fired.add("messaging");
    if (SUSPICIOUS_TLD.test(host)) fired.add("suspicious_tld");
  }
  return [...fired];
}
