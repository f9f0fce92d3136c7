import { hexDigestsEqual, hmacSha256Hex } from "../../lib/hmac.ts";

export const ALERT_SIGNATURE_HEADER = "X-Surgedesk-Signature";
/** How old a signed alert a receiver should still accept. */
export const ALERT_SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * `X-Surgedesk-Signature: t=<unix seconds>,v1=<hex>`, where v1 is the HMAC-SHA256 of
 * `"<t>.<raw body>"` keyed by the workspace's webhook secret. Signing the time with the body lets
 * a receiver refuse a replayed old alert (the same scheme as Stripe's and TikTok's).
 */
export function signAlertPayload(body: string, secret: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmacSha256Hex(secret, `${t}.${body}`)}`;
}

/**
 * What a receiver runs: checks the signature over the raw body in constant time, and its age.
 * Several `v1=` values may be present (during a secret rotation); one matching is enough.
 */
export function verifyAlertSignature(body: string, header: string | undefined | null, secret: string, now: Date): boolean {
  if (!header) return false;
  const parts = header.split(",").map((p) => p.trim());
  const t = parts.find((p) => p.startsWith("t="))?.slice(2);
  if (!t || !/^\d{1,12}$/.test(t)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(t)) > ALERT_SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = hmacSha256Hex(secret, `${t}.${body}`);
  return parts.filter((p) => p.startsWith("v1=")).some((p) => hexDigestsEqual(expected, p.slice(3)));
}
