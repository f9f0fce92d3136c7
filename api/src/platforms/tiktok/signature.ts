import { hexDigestsEqual, hmacSha256Hex } from "../../lib/hmac.ts";

export const TIKTOK_SIGNATURE_HEADER = "tiktok-signature";

/** How far a delivery's signing time may be from our clock, either way. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

export type SignatureCheck =
  | { ok: true; signedAt: Date; signature: string }
  | { ok: false; reason: "missing" | "malformed" | "mismatch" | "stale" };

/** Splits `t=1700000000,s=ab12…` into its parts; order and spaces do not matter. */
function parseHeader(header: string): { t: string; s: string } | null {
  const parts = new Map<string, string>();
  for (const piece of header.split(",")) {
    const at = piece.indexOf("=");
    if (at <= 0) return null;
    parts.set(piece.slice(0, at).trim(), piece.slice(at + 1).trim());
  }
  const t = parts.get("t");
  const s = parts.get("s");
  if (!t || !s || !/^\d{1,12}$/.test(t)) return null;
  return { t, s };
}

function signedPayload(timestamp: string, rawBody: Uint8Array | string): Buffer {
  const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : Buffer.from(rawBody);
  return Buffer.concat([Buffer.from(`${timestamp}.`, "utf8"), body]);
}

/**
 * TikTok signs a webhook with `TikTok-Signature: t=<unix s>,s=<hex>`, the HMAC-SHA256 of
 * `"<t>.<raw body>"` keyed by the client secret. The body is checked as received, in constant
 * time, and the timestamp must be close to now: an old signature must not unlock a new request.
 */
export function verifyTikTokSignature(
  rawBody: Uint8Array,
  header: string | undefined,
  clientSecret: string,
  now: Date,
): SignatureCheck {
  if (!header) return { ok: false, reason: "missing" };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: "malformed" };
  if (!hexDigestsEqual(hmacSha256Hex(clientSecret, signedPayload(parsed.t, rawBody)), parsed.s)) {
    return { ok: false, reason: "mismatch" };
  }
  const signedAt = new Date(Number(parsed.t) * 1000);
  // Checked after the HMAC so that a forged header learns nothing about our clock.
  if (Math.abs(now.getTime() - signedAt.getTime()) > SIGNATURE_TOLERANCE_MS) return { ok: false, reason: "stale" };
  return { ok: true, signedAt, signature: parsed.s.toLowerCase() };
}

/** The header value TikTok would send for this body at this time; for the emulator and tests. */
export function signTikTokPayload(rawBody: string | Uint8Array, clientSecret: string, at: Date): string {
  const t = String(Math.floor(at.getTime() / 1000));
  return `t=${t},s=${hmacSha256Hex(clientSecret, signedPayload(t, rawBody))}`;
}
