import { Hono } from "hono";
import { ApiError, type WebhookHost } from "../../connectors/contract.ts";
import { COMMENT_UPDATE_EVENT, parseCommentWebhook, tiktokEventOf } from "./comment-webhook-payload.ts";
import { parseDmWebhook } from "./dm-webhook-payload.ts";
import { SIGNATURE_TOLERANCE_MS, TIKTOK_SIGNATURE_HEADER, verifyTikTokSignature } from "./signature.ts";

export interface TikTokWebhookOptions {
  now?: () => Date;
}

const REFUSAL: Record<"missing" | "malformed" | "mismatch" | "stale", string> = {
  missing: "TikTok-Signature header is missing.",
  malformed: "TikTok-Signature header is not of the form t=<unix seconds>,s=<hex>.",
  mismatch: "TikTok-Signature does not match the body.",
  stale: `TikTok-Signature is older than ${SIGNATURE_TOLERANCE_MS / 60_000} minutes (or from the future).`,
};

/**
 * TikTok's webhook endpoint: Business Messaging DMs and the API for Business's `comment.update`
 * (comments on the brand's videos: new, deleted, hidden, friends-only, public again). Raw bytes →
 * signature and its age → JSON (numbers beyond 2^53 kept exact) → envelope and its JSON-string
 * `content` → durable insert → 200. Nothing is stored unless all of
 * it passes. An exact repeat of a stored delivery (same signature, so same timestamp and body:
 * TikTok retrying because our 200 was lost) is answered 200 and stored once; the timestamp's
 * tolerance is what stops an old signature from being replayed later.
 */
export function tiktokWebhookRoutes(host: WebhookHost, options: TikTokWebhookOptions = {}) {
  const now = options.now ?? (() => new Date());

  return new Hono().post("/", async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const secret = host.config.tiktok.clientSecret;
    if (!secret) throw new ApiError("unauthorized", "TIKTOK_CLIENT_SECRET is not configured; deliveries cannot be verified.");
    const at = now();
    const check = verifyTikTokSignature(raw, c.req.header(TIKTOK_SIGNATURE_HEADER), secret, at);
    if (!check.ok) throw new ApiError("unauthorized", REFUSAL[check.reason]);
    const body = new TextDecoder().decode(raw);
    const comment = tiktokEventOf(body) === COMMENT_UPDATE_EVENT;
    const parsed = comment ? parseCommentWebhook(body) : parseDmWebhook(body);
    if (!parsed.ok) throw new ApiError(parsed.code, parsed.message);
    // The business account it is for: an event ingestion gives up on is shown to its workspace.
    const accountRef = { channel: "tiktok_business" as const, externalAccountId: parsed.value.accountId };
    const format = comment ? "tiktok.comment_webhook" : "tiktok.dm_webhook";
    const accepted = await host.accept({ format, body, accountRef, signature: check.signature });
    return c.json({ received: true, ...accepted }, 200);
  });
}
