import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { signMetaPayload, verifyMetaSignature } from "./signature.ts";

const body = new TextEncoder().encode('{"object":"instagram","entry":[]}');
const secret = "app-secret";
const header = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

describe("verifyMetaSignature", () => {
  it("accepts the HMAC-SHA256 of the raw body keyed by the app secret", () => {
    expect(verifyMetaSignature(body, header, secret)).toBe(true);
    expect(signMetaPayload(body, secret)).toBe(header);
  });

  it("accepts an upper-case hex digest", () => {
    expect(verifyMetaSignature(body, `sha256=${header.slice(7).toUpperCase()}`, secret)).toBe(true);
  });

  it("rejects a signature made with another secret", () => {
    expect(verifyMetaSignature(body, signMetaPayload(body, "other-secret"), secret)).toBe(false);
  });

  it("rejects a body changed after signing, even by one byte", () => {
    const tampered = new TextEncoder().encode('{"object":"instagram","entry":[ ]}');
    expect(verifyMetaSignature(tampered, header, secret)).toBe(false);
  });

  it.each([undefined, "", "sha256=", "sha1=abc", header.slice(0, -2), `${header}00`, "sha256=zz" + header.slice(9)])(
    "rejects a missing or malformed header %#",
    (value) => {
      expect(verifyMetaSignature(body, value, secret)).toBe(false);
    },
  );
});
