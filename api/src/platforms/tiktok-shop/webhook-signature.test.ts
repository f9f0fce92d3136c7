import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { signShopWebhook, verifyShopWebhookSignature } from "./webhook-signature.ts";

const body = new TextEncoder().encode('{"type":14,"shop_id":"7494049642642441621","timestamp":1755779281,"data":{}}');
const appKey = "6a1b2c3d4e5f6";
const secret = "app-secret";
const header = createHmac("sha256", secret).update(`${appKey}${new TextDecoder().decode(body)}`).digest("hex");

describe("verifyShopWebhookSignature", () => {
  it("accepts the lowercase hex HMAC-SHA256 of app_key + raw body keyed by the app secret", () => {
    expect(verifyShopWebhookSignature(body, header, appKey, secret)).toBe(true);
    expect(signShopWebhook(body, appKey, secret)).toBe(header);
  });

  it("rejects a signature made with the wrong secret", () => {
    expect(verifyShopWebhookSignature(body, signShopWebhook(body, appKey, "not-the-secret"), appKey, secret)).toBe(false);
  });

  it("rejects a signature made with another app key", () => {
    expect(verifyShopWebhookSignature(body, signShopWebhook(body, "other-key", secret), appKey, secret)).toBe(false);
  });

  it("rejects a body changed after signing, even by one byte", () => {
    const tampered = new TextEncoder().encode('{"type":14,"shop_id":"7494049642642441621","timestamp":1755779282,"data":{}}');
    expect(verifyShopWebhookSignature(tampered, header, appKey, secret)).toBe(false);
  });

  it.each([undefined, "", "sha256=" + header, header.slice(0, -2), `${header}00`, "zz" + header.slice(2), `Bearer ${header}`])(
    "rejects a missing or malformed header %#",
    (value) => {
      expect(verifyShopWebhookSignature(body, value, appKey, secret)).toBe(false);
    },
  );
});
