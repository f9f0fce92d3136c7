/** The picture formats a post thumbnail may be, by the bytes they start with. */
const SIGNATURES: { type: string; matches(bytes: Uint8Array): boolean }[] = [
  { type: "image/jpeg", matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/png", matches: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v) },
  { type: "image/gif", matches: (b) => ascii(b, 0, 4) === "GIF8" },
  { type: "image/webp", matches: (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP" },
];

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/**
 * The picture type the bytes really are, or null. The type a CDN claims is not trusted: what is
 * served from Surgedesk's own origin must be a plain raster picture (never SVG or HTML, which a
 * browser opening the address directly would run as a page of the console).
 */
export function imageTypeOf(bytes: Uint8Array): string | null {
  return SIGNATURES.find((s) => s.matches(bytes))?.type ?? null;
}
