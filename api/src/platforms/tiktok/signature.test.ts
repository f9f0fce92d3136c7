import { describe, expect, it } from "vitest";
import { signTikTokPayload, verifyTikTokSignature } from "./signature.ts";

const secret = "client-secret";
const body = '{"event":"im_receive_msg"}';
const at = new Date("2025-08-21T12:00:00Z");
const bytes = (text: string) => new TextEncoder().encode(text);

describe("verifyTikTokSignature", () => {
  it("accepts the signature TikTok computes over `<t>.<raw body>`", () => {
    const header = signTikTokPayload(body, secret, at);
    expect(header).toMatch(/^t=1755777600,s=[0-9a-f]{64}$/);
    expect(verifyTikTokSignature(bytes(body), header, secret, at)).toMatchObject({ ok: true, signedAt: at });
  });

  it("accepts the parts in any order, with spaces, and upper-case hex", () => {
    const [t, s] = signTikTokPayload(body, secret, at).split(",");
    expect(verifyTikTokSignature(bytes(body), ` s=${s!.slice(2).toUpperCase()} , ${t}`, secret, at).ok).toBe(true);
  });

  it.each([
    ["a wrong secret", signTikTokPayload(body, "other-secret", at), body, "mismatch"],
    ["a tampered body", signTikTokPayload(body, secret, at), body.replace("receive", "send"), "mismatch"],
    ["a timestamp changed after signing", signTikTokPayload(body, secret, at).replace("t=1755777600", "t=1755777601"), body, "mismatch"],
    ["no header", undefined, body, "missing"],
    ["a header without s", "t=1755777600", body, "malformed"],
    ["a non-numeric t", "t=soon,s=abcd", body, "malformed"],
    ["a bare hex digest", "abcdef0123", body, "malformed"],
  ])("refuses %s", (_, header, received, reason) => {
    expect(verifyTikTokSignature(bytes(received), header, secret, at)).toEqual({ ok: false, reason });
  });

  it("refuses a correct signature older than five minutes, and one from the future", () => {
    const header = signTikTokPayload(body, secret, at);
    expect(verifyTikTokSignature(bytes(body), header, secret, new Date(at.getTime() + 5 * 60_000)).ok).toBe(true);
    expect(verifyTikTokSignature(bytes(body), header, secret, new Date(at.getTime() + 5 * 60_000 + 1000))).toEqual({
      ok: false,
      reason: "stale",
    });
    expect(verifyTikTokSignature(bytes(body), header, secret, new Date(at.getTime() - 6 * 60_000))).toEqual({
      ok: false,
      reason: "stale",
    });
  });
});
