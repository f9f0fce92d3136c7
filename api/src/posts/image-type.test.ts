import { describe, expect, it } from "vitest";
import { imageTypeOf } from "./image-type.ts";

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

describe("imageTypeOf", () => {
  it("knows raster pictures by their first bytes, whatever a server calls them", () => {
    expect(imageTypeOf(bytes([0xff, 0xd8, 0xff, 0xe0], "\0\x10JFIF"))).toBe("image/jpeg");
    expect(imageTypeOf(bytes([0x89], "PNG\r\n\x1a\n", [0, 0, 0, 13]))).toBe("image/png");
    expect(imageTypeOf(bytes("GIF89a", [1, 0, 1, 0]))).toBe("image/gif");
    expect(imageTypeOf(bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "))).toBe("image/webp");
  });

  it("refuses what a browser could run or render as a page", () => {
    expect(imageTypeOf(bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(imageTypeOf(bytes("<!doctype html><p>hi"))).toBeNull();
    expect(imageTypeOf(bytes("RIFF", [0, 0, 0, 0], "AVI LIST"))).toBeNull();
    expect(imageTypeOf(new Uint8Array())).toBeNull();
  });
});
