import { createHmac, timingSafeEqual } from "node:crypto";

export function hmacSha256Hex(key: string, data: Uint8Array | string): string {
  return createHmac("sha256", key).update(data).digest("hex");
}

/** Compares two hex digests in constant time; malformed or different-length input is a mismatch. */
export function hexDigestsEqual(expectedHex: string, receivedHex: string): boolean {
  if (!/^[0-9a-f]+$/i.test(receivedHex) || receivedHex.length !== expectedHex.length) return false;
  return timingSafeEqual(Buffer.from(expectedHex, "hex"), Buffer.from(receivedHex.toLowerCase(), "hex"));
}

/** Compares two secrets (tokens, passwords) without leaking where they differ. */
export function secretsEqual(a: string, b: string): boolean {
  const left = createHmac("sha256", "compare").update(a).digest();
  const right = createHmac("sha256", "compare").update(b).digest();
  return timingSafeEqual(left, right);
}
