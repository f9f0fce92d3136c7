import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { signShopRequest, stringToSign, verifyShopRequestSignature } from "./request-signing.ts";

describe("signShopRequest", () => {
  it("signs the documented example: secret + path + sorted params + secret", () => {
    const request = { path: "/authorization/202309/shops", query: { timestamp: "1234567890", app_key: "123456" } };
    expect(stringToSign(request, "abc000def111")).toBe("abc000def111/authorization/202309/shopsapp_key123456timestamp1234567890abc000def111");
    expect(signShopRequest(request, "abc000def111")).toBe(
      createHmac("sha256", "abc000def111").update("abc000def111/authorization/202309/shopsapp_key123456timestamp1234567890abc000def111").digest("hex"),
    );
  });

  it("leaves sign and access_token out and puts the body before the closing secret", () => {
    const request = {
      path: "/customer_service/202309/conversations/5764/messages",
      query: { shop_cipher: "ROW_x", sign: "old", access_token: "tok", app_key: "k", timestamp: "1" },
      body: '{"type":"TEXT","content":"{\\"content\\":\\"hi\\"}"}',
    };
    expect(stringToSign(request, "s")).toBe(
      's/customer_service/202309/conversations/5764/messagesapp_keykshop_cipherROW_xtimestamp1{"type":"TEXT","content":"{\\"content\\":\\"hi\\"}"}s',
    );
  });

  it("verifies its own signature and refuses a changed query, body or secret", () => {
    const request = { path: "/p", query: { app_key: "k", timestamp: "1", page_size: "20" }, body: "{}" };
    const sign = signShopRequest(request, "secret");
    expect(verifyShopRequestSignature(request, sign, "secret")).toBe(true);
    expect(verifyShopRequestSignature({ ...request, query: { ...request.query, page_size: "10" } }, sign, "secret")).toBe(false);
    expect(verifyShopRequestSignature({ ...request, body: "{ }" }, sign, "secret")).toBe(false);
    expect(verifyShopRequestSignature(request, sign, "other")).toBe(false);
    expect(verifyShopRequestSignature(request, undefined, "secret")).toBe(false);
  });
});
