import { signTikTokPayload, TIKTOK_SIGNATURE_HEADER } from "@surgedesk/api/platforms/tiktok/signature.ts";
import type { WebhookEnvelope } from "./business-world.ts";

/** One HTTP delivery of a webhook, as TikTok would POST it. */
export interface WebhookDelivery {
  event: WebhookEnvelope["event"];
  body: string;
  signature: string;
  /** Ready for `fetch(url, …)` or `app.request(path, …)`. */
  init: { method: "POST"; headers: Record<string, string>; body: string };
}

export interface DeliveryOptions {
  clientSecret: string;
  /** When TikTok signs the (first) delivery; defaults to now. */
  at?: Date;
  /** Deliveries of each webhook: TikTok delivers at least once, and retries for up to 72 h. */
  copies?: number;
  /** Out-of-order delivery: the queue's order, reversed, or shuffled with `random`. */
  order?: "sent" | "reversed" | "shuffled";
  random?: () => number;
}

export function signedDelivery(envelope: WebhookEnvelope, clientSecret: string, at: Date): WebhookDelivery {
  const body = JSON.stringify(envelope);
  const signature = signTikTokPayload(body, clientSecret, at);
  return {
    event: envelope.event,
    body,
    signature,
    init: { method: "POST", headers: { "content-type": "application/json", [TIKTOK_SIGNATURE_HEADER]: signature }, body },
  };
}

/**
 * Turns queued webhooks into the HTTP requests TikTok would make: each signed, repeated
 * `copies` times, in the order asked. Each copy is a separate attempt with its own signing
 * second (a retry is signed anew), so copies are not replays of one request.
 */
export function webhookDeliveries(envelopes: WebhookEnvelope[], options: DeliveryOptions): WebhookDelivery[] {
  const { clientSecret, copies = 1, order = "sent", random = Math.random } = options;
  const at = options.at ?? new Date();
  const deliveries: WebhookDelivery[] = [];
  for (const envelope of envelopes) {
    for (let copy = 0; copy < copies; copy++) {
      deliveries.push(signedDelivery(envelope, clientSecret, new Date(at.getTime() - copy * 1000)));
    }
  }
  if (order === "reversed") deliveries.reverse();
  if (order === "shuffled") {
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
    }
  }
  return deliveries;
}
