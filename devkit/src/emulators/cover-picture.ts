import { createHash } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import { HttpResponse } from "msw";

const SIZE = 96;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A post's cover as a platform's CDN serves it: a real PNG (a diagonal two-tone square whose
 * colours come from the post's id), so the console's picture path is exercised end to end with
 * bytes a browser decodes, without any picture checked into the repository.
 */
export function coverPicture(seed: string): Buffer {
  const digest = createHash("sha256").update(seed).digest();
  const light = [digest[0]! | 0x80, digest[1]! | 0x80, digest[2]! | 0x80];
  const dark = [digest[3]! & 0x7f, digest[4]! & 0x7f, digest[5]! & 0x7f];
  const rows: Buffer[] = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 3); // filter byte 0, then RGB
    for (let x = 0; x < SIZE; x++) row.set(x + y < SIZE ? light : dark, 1 + x * 3);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The CDN's answer for a cover link: the picture, or 403 once the signed link has expired. */
export function coverResponse(url: URL, seed: string, now: Date = new Date()): Response {
  const expires = Number(url.searchParams.get("x-expires") ?? Infinity);
  if (expires * 1000 < now.getTime()) return new HttpResponse("URL signature expired", { status: 403 });
  return new HttpResponse(coverPicture(seed), { status: 200, headers: { "content-type": "image/png", "cache-control": "max-age=3600" } });
}
