import { Hono } from "hono";
import { ApiError, parseWebhookBody, type WebhookHost } from "../../connectors/contract.ts";
import { secretsEqual } from "../../lib/hmac.ts";
import { META_SIGNATURE_HEADER, verifyMetaSignature } from "./signature.ts";
import { igWebhookPayloadSchema } from "./webhook-payload.ts";

/**
 * Meta's webhook endpoint. Order matters: raw bytes → signature → JSON → schema → durable
 * insert (or an exact repeat recognised) → 200. Nothing is stored unless all of it passes.
 */
export function instagramWebhookRoutes(host: WebhookHost) {
  return new Hono()
  .get("/", (c) => {
    const { verifyToken } = host.config.instagram;
    const mode = c.req.query("hub.mode");
    const token = c.req.query("hub.verify_token");
    const challenge = c.req.query("hub.challenge");
    if (mode !== "subscribe" || !verifyToken || !token || !secretsEqual(token, verifyToken)) {
      throw new ApiError("forbidden", "Verification token does not match.");
    }
    if (!challenge) throw new ApiError("bad_request", "hub.challenge is missing.");
    return c.text(challenge, 200);
  })
  .post("/", async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const secret = host.config.instagram.appSecret;
    if (!secret) throw new ApiError("unauthorized", "INSTAGRAM_APP_SECRET is not configured; deliveries cannot be verified.");
    const signature = c.req.header(META_SIGNATURE_HEADER);
    if (!signature) throw new ApiError("unauthorized", "X-Hub-Signature-256 header is missing.");
    if (!verifyMetaSignature(raw, signature, secret)) {
      throw new ApiError("unauthorized", "X-Hub-Signature-256 does not match the body.");
    }
    const body = new TextDecoder().decode(raw);
    const parsed = parseWebhookBody(body, igWebhookPayloadSchema, "an Instagram webhook payload");
    if (!parsed.ok) throw new ApiError(parsed.code, parsed.message);
    // An exact repeat (Meta retrying a delivery whose 200 it did not get) is acknowledged, not stored again.
    // The account it is for, when every entry names the same one: an event ingestion gives up on
    // is then shown to that account's workspace.
    const accountIds = new Set(parsed.value.entry.map((entry) => entry.id));
    const accountRef = accountIds.size === 1 ? { channel: "instagram" as const, externalAccountId: [...accountIds][0]! } : null;
    const accepted = await host.accept({ format: "instagram.webhook", body, accountRef, signature: signature.slice("sha256=".length) });
    return c.json({ received: true, ...accepted }, 200);
  });
}
