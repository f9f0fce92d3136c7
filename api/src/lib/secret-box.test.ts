import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box.ts";

describe("secret box", () => {
  const key = randomBytes(32);

  it("round-trips a token and never stores it in the clear", () => {
    const sealed = sealSecret("IGQVJ-access-token-123", key);
    expect(sealed).not.toContain("IGQVJ");
    expect(openSecret(sealed, key)).toBe("IGQVJ-access-token-123");
  });

  it("uses a fresh IV each time", () => {
    expect(sealSecret("same", key)).not.toBe(sealSecret("same", key));
  });

  it("refuses a wrong key or a tampered value", () => {
    const sealed = sealSecret("token", key);
    expect(() => openSecret(sealed, randomBytes(32))).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => openSecret(parts.join("."), key)).toThrow();
    expect(() => openSecret("garbage", key)).toThrow("not a sealed secret");
  });
});
