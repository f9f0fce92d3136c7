import { describe, expect, it } from "vitest";
import { hmacSha256Hex } from "../../lib/hmac.ts";
import { signAlertPayload, verifyAlertSignature } from "./alert-signature.ts";

const secret = "whsec_0123456789abcdef";
const body = JSON.stringify({ text: "Surge started" });
const at = new Date("2026-07-04T12:00:00Z");

describe("alert webhook signature", () => {
  it("is t=<unix>,v1=<hex HMAC-SHA256 of '<t>.<body>'>", () => {
    const header = signAlertPayload(body, secret, at);
    const t = Math.floor(at.getTime() / 1000);
    expect(header).toBe(`t=${t},v1=${hmacSha256Hex(secret, `${t}.${body}`)}`);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it("verifies over the raw body, and refuses a changed body, a wrong secret, a bad header", () => {
    const header = signAlertPayload(body, secret, at);
    expect(verifyAlertSignature(body, header, secret, at)).toBe(true);
    expect(verifyAlertSignature(body.replace("started", "resolved"), header, secret, at)).toBe(false);
    expect(verifyAlertSignature(body, header, "another-secret-entirely", at)).toBe(false);
    expect(verifyAlertSignature(body, undefined, secret, at)).toBe(false);
    expect(verifyAlertSignature(body, "v1=abc", secret, at)).toBe(false);
    expect(verifyAlertSignature(body, header.replace(/v1=./, "v1=0"), secret, at)).toBe(false);
  });

  it("refuses a replay older than five minutes, and accepts any matching v1 during a rotation", () => {
    const header = signAlertPayload(body, secret, at);
    expect(verifyAlertSignature(body, header, secret, new Date(at.getTime() + 4 * 60_000))).toBe(true);
    expect(verifyAlertSignature(body, header, secret, new Date(at.getTime() + 6 * 60_000))).toBe(false);
    const old = signAlertPayload(body, "old-secret-0000000000", at).split(",")[1];
    expect(verifyAlertSignature(body, `${header},${old}`, secret, at)).toBe(true);
  });
});
